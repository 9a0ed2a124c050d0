#!/usr/bin/env bash
# The whole pipeline on the bundled sample, on this machine: build, start Kafka, replay the calls,
# verify delivery, run the stream job once over the topic and show the windowed counts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/demo.sh [--input FILE] [--port N]

Runs the pipeline end to end on FILE (default: the bundled synthetic sample,
data/police-department-calls-for-service.json) with a local Kafka on 127.0.0.1:PORT
(default 9092). The topic police.department.calls is emptied first, so the demo can be rerun.
Kafka keeps running afterwards; stop it with scripts/stop.sh.
USAGE
}

# The broker's port, the topic and its partitions are the ones every component shares.
input="$ROOT/data/police-department-calls-for-service.json" port="$(pipeline_setting kafka.bootstrap.servers)"
port="${port%%,*}" port="${port##*:}"
topic="$(pipeline_setting topic)" partitions="$(pipeline_setting partitions)"
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/demo.sh --help)" >&2; exit 2 ;;
  esac
done
[ -r "$input" ] || { echo "error: $input: no such readable file" >&2; exit 2; }
bootstrap="127.0.0.1:$port"
cd "$ROOT"
started=$(date +%s)

ensure_jars
"$ROOT/scripts/start.sh" --port "$port" >/dev/null   # its stdout is the bootstrap list, known here

info "emptying $topic so that the demo starts from a clean topic"
kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --delete --if-exists --topic "$topic" >/dev/null
for _ in $(seq 1 60); do   # deletion is asynchronous: wait until the name is free again
  kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 >/dev/null 2>&1 && break
  sleep 1
done

info "1/3 replaying $(basename "$input") into $topic (event-time order)"
java -jar producer/target/producer.jar --bootstrap-server "$bootstrap" --topic "$topic" --input "$input"

info "2/3 verifying delivery: every record in the file exactly once in the topic"
java -jar consumer/target/consumer.jar --bootstrap-server "$bootstrap" --topic "$topic" --verify "$input"

info "3/3 counting calls per hour, crime type and disposition with Spark (bounded run)"
"$ROOT/scripts/spark-submit" --master 'local[2]' stream-job/target/stream-job.jar \
  --bootstrap-server "$bootstrap" --topic "$topic" --bounded --ui-port 0 --console-rows 25

info "done in $(( $(date +%s) - started ))s. Kafka is still running on $bootstrap:"
cat >&2 <<NEXT
    look at the topic:  scripts/kafka-console-consumer --bootstrap-server $bootstrap --topic $topic --from-beginning --max-messages 5
    stop Kafka:         scripts/stop.sh
NEXT
