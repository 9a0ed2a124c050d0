#!/usr/bin/env bash
# The whole pipeline on the bundled sample, on this machine: build, start Kafka, replay the calls,
# verify delivery, run the stream job once over the topic and show the windowed counts.
# With --cluster: on a replicated 3-node Kafka and a Spark standalone master with 2 workers.
# With --secure: on Kafka with SASL_SSL, users and ACLs, each component as its own user.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/demo.sh [--input FILE] [--port N] [--cluster] [--secure]
       scripts/demo.sh --stop

Runs the pipeline end to end on FILE (default: the bundled synthetic sample,
data/police-department-calls-for-service.json) with a local Kafka on 127.0.0.1:PORT
(default: the port of config/pipeline.properties, 9092), its state in .runtime/kafka-demo. The
topic is emptied first, so the demo can be rerun.

  --cluster   run it on a replicated Kafka of 3 KRaft nodes (ports PORT to PORT+2, state in
              .runtime/kafka-demo-3, scripts/start.sh --brokers 3) and the job on a Spark standalone
              master (spark://127.0.0.1:7077) with 2 workers of 1 core and 1g
              (scripts/spark-cluster.sh), instead of one node and local[2]
  --secure    run it on a secured Kafka (scripts/start.sh --secure, state in .runtime/kafka-secure,
              or .runtime/kafka-3-secure with --cluster): SASL_SSL with SCRAM passwords, ACLs, TLS
              from a private CA; the producer, the verifier and the job each connect as their own
              user through the client file start.sh writes (DIR/client-USER.properties), and the
              topic is emptied as admin. It uses the same port: stop a plaintext demo first
              (scripts/demo.sh --stop) or pass another --port. See docs/SECURITY.md.
  --stop      stop what earlier demos started (Kafka, the Spark cluster), and nothing else

Kafka, and with --cluster the Spark master and workers, keep running afterwards; the demo says so
at the end. Stop them with scripts/demo.sh --stop.

Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
USAGE
}

# The broker's port, the topic and its partitions are the ones every component shares.
input="$ROOT/data/police-department-calls-for-service.json" port="$(pipeline_setting kafka.bootstrap.servers)"
port="${port%%,*}" port="${port##*:}" cluster=0 secure=0 stop=0
topic="$(pipeline_setting topic)" partitions="$(pipeline_setting partitions)"
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --cluster) cluster=1; shift ;;
    --secure) secure=1; shift ;;
    --stop) stop=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/demo.sh --help)" >&2; exit 2 ;;
  esac
done
# What this demo started and may stop again: one line per service, "kafka DIR" or "spark-cluster".
started_file="$RUNTIME_DIR/demo.started"
if [ "$stop" = 1 ]; then
  grep -qx spark-cluster "$started_file" 2>/dev/null && "$ROOT/scripts/spark-cluster.sh" stop
  grep '^kafka ' "$started_file" 2>/dev/null | while read -r _ kafka_dir; do "$ROOT/scripts/stop.sh" --dir "$kafka_dir"; done
  [ -s "$started_file" ] || info "nothing to stop: no demo has started Kafka or a Spark cluster"
  rm -f "$started_file"
  exit 0
fi
[ -r "$input" ] || { echo "error: $input: no such readable file" >&2; exit 2; }
# The demo's own state folder, apart from scripts/start.sh's default: the README's steps, run after
# the demo, then start on a Kafka of their own, not on the demo's topic.
brokers=1 replicas=1 kafka_dir="$RUNTIME_DIR/kafka-demo"
[ "$cluster" = 1 ] && brokers=3 replicas=3 kafka_dir="$RUNTIME_DIR/kafka-demo-3"
# With --secure every client names its user's file; the admin empties the topic.
secure_start=() admin=() producer=() consumer=() job=()
if [ "$secure" = 1 ]; then
  kafka_dir="$RUNTIME_DIR/kafka-3-secure"
  [ "$cluster" = 1 ] || kafka_dir="$RUNTIME_DIR/kafka-secure"
  secure_start=(--secure)
  admin=(--command-config "$kafka_dir/client-admin.properties")
  producer=(--producer-config "$kafka_dir/client-producer.properties")
  consumer=(--consumer-config "$kafka_dir/client-consumer.properties")
  job=(--kafka-config "$kafka_dir/client-stream-job.properties")
fi
cd "$ROOT"
started=$(date +%s)
mkdir -p "$RUNTIME_DIR"
remember() { grep -qx "$1" "$started_file" 2>/dev/null || echo "$1" >>"$started_file"; }

ensure_jars
broker_pid "$kafka_dir/node-1" >/dev/null || remember "kafka $kafka_dir"
bootstrap="$("$ROOT/scripts/start.sh" --brokers "$brokers" --port "$port" --dir "$kafka_dir" "${secure_start[@]}" | tail -n 1)"
master='local[2]' job_state=()
if [ "$cluster" = 1 ]; then
  "$ROOT/scripts/spark-cluster.sh" status >/dev/null 2>&1 || remember spark-cluster
  master="$("$ROOT/scripts/spark-cluster.sh" start --workers 2 --cores 1 --memory 1g | tail -n 1)"
  # Executors write the checkpoint too: an absolute folder, new for each run as the topic is.
  rm -rf "$RUNTIME_DIR/demo-checkpoint"
  job_state=(--checkpoint "$RUNTIME_DIR/demo-checkpoint")
fi

info "emptying $topic so that the demo starts from a clean topic"
kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "${admin[@]}" --delete --if-exists \
  --topic "$topic" >/dev/null
for _ in $(seq 1 60); do   # deletion is asynchronous: wait until the name is free again
  kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "${admin[@]}" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replicas" >/dev/null 2>&1 && break
  sleep 1
done

info "1/3 replaying $(basename "$input") into $topic (event-time order)"
java -jar producer/target/producer.jar --bootstrap-server "$bootstrap" --topic "$topic" --input "$input" "${producer[@]}"

info "2/3 verifying delivery: every record in the file exactly once in the topic"
java -jar consumer/target/consumer.jar --bootstrap-server "$bootstrap" --topic "$topic" --verify "$input" "${consumer[@]}"

info "3/3 counting calls per hour, crime type and disposition with Spark on $master (bounded run)"
"$ROOT/scripts/spark-submit" --master "$master" stream-job/target/stream-job.jar \
  --bootstrap-server "$bootstrap" --topic "$topic" --bounded --ui-port 0 --console-rows 25 "${job_state[@]}" "${job[@]}"

info "done in $(( $(date +%s) - started ))s. Still running: Kafka on $bootstrap$([ "$cluster" = 1 ] \
  && echo ", the Spark master $master and 2 workers (UI http://127.0.0.1:8080)"):"
cat >&2 <<NEXT
    look at the topic:  scripts/kafka-console-consumer --bootstrap-server $bootstrap --topic $topic --from-beginning --max-messages 5$(
      [ "$secure" = 0 ] || echo " --command-config $kafka_dir/client-consumer.properties")
    stop them:          scripts/demo.sh --stop
NEXT
