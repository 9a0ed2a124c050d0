#!/usr/bin/env bash
# The whole pipeline on the bundled sample, on this machine: build, start Kafka, replay the calls,
# verify delivery, run the stream job once over the topic and show the windowed counts.
# With --cluster: on a replicated 3-node Kafka, a Spark standalone master with 2 workers, and HDFS
# holding the job's checkpoint and files sink.
# With --secure: on Kafka with SASL_SSL, users and ACLs, each component as its own user.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/demo.sh [--input FILE] [--port N] [--cluster] [--secure]
       scripts/demo.sh --dashboard [--rate N] [--dashboard-port N] [--input FILE] [--port N] [--secure]
       scripts/demo.sh --stop

Runs the pipeline end to end on FILE (default: the bundled synthetic sample,
data/police-department-calls-for-service.json) with a local Kafka on 127.0.0.1:PORT
(default: the port of config/pipeline.properties, 9092), its state in .runtime/kafka-demo. The
topic is emptied first, so the demo can be rerun.

  --cluster   run it on a replicated Kafka of 3 KRaft nodes (ports PORT to PORT+2, state in
              .runtime/kafka-demo-3, scripts/start.sh --brokers 3) and the job on a Spark standalone
              master (spark://127.0.0.1:7077) with 2 workers of 1 core and 1g
              (scripts/spark-cluster.sh), instead of one node and local[2]; the job's checkpoint
              and its files sink (the final windows) on HDFS (hdfs://127.0.0.1:9000, a NameNode
              and 2 DataNodes, scripts/hdfs.sh), which every worker reaches
  --secure    run it on a secured Kafka (scripts/start.sh --secure, state in .runtime/kafka-demo-secure,
              or .runtime/kafka-demo-3-secure with --cluster): SASL_SSL with SCRAM passwords, ACLs, TLS
              from a private CA; the producer, the verifier and the job each connect as their own
              user through the client file start.sh writes (DIR/client-USER.properties), and the
              topic is emptied as admin. With --cluster the Spark cluster is secured too
              (scripts/spark-cluster.sh start --secure, state in .runtime/spark-cluster-secure):
              the job is submitted with its --properties-file. It uses the same ports: stop a
              plaintext demo first (scripts/demo.sh --stop) or pass another --port. See docs/SECURITY.md.
  --dashboard watch it live instead: the job runs continuously (counts, enriched feed, progress),
              the dashboard serves http://127.0.0.1:DASHBOARD-PORT/ (default 8080), and the producer
              replays FILE at --rate calls/s (default 20: an hour of the sample's event time every
              3 s), looping, each pass later in event time; prints the URL and returns, everything
              keeps running. See docs/dashboard.md.
  --stop      stop what earlier demos started (Kafka, the Spark cluster, HDFS, the live job, the
              dashboard and the replay), and nothing else

Kafka, and with --cluster the Spark master and workers and HDFS, keep running afterwards; the demo says so
at the end. Stop them with scripts/demo.sh --stop.

Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
USAGE
}

# The broker's port, the topic and its partitions are the ones every component shares.
input="$ROOT/data/police-department-calls-for-service.json" port="$(pipeline_setting kafka.bootstrap.servers)"
port="${port%%,*}" port="${port##*:}" cluster=0 secure=0 stop=0 dashboard=0 rate=20 dashboard_port=8080
topic="$(pipeline_setting topic)" partitions="$(pipeline_setting partitions)"
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --cluster) cluster=1; shift ;;
    --secure) secure=1; shift ;;
    --stop) stop=1; shift ;;
    --dashboard) dashboard=1; shift ;;
    --rate) rate="${2:-}"; shift 2 ;;
    --dashboard-port) dashboard_port="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/demo.sh --help)" >&2; exit 2 ;;
  esac
done
# What this demo started and may stop again: one line per service, "kafka DIR", "spark-cluster" or "hdfs".
started_file="$RUNTIME_DIR/demo.started"
source "$ROOT/scripts/lib/demo-dashboard.sh"
if [ "$stop" = 1 ]; then
  stop_dashboard_demo
  # grep finds nothing when the demo started no such service: not a failure (pipefail)
  { grep '^spark-cluster' "$started_file" 2>/dev/null || true; } | while read -r _ spark_dir; do
    "$ROOT/scripts/spark-cluster.sh" stop ${spark_dir:+--dir "$spark_dir"}
  done
  grep -qx hdfs "$started_file" 2>/dev/null && "$ROOT/scripts/hdfs.sh" stop
  { grep '^kafka ' "$started_file" 2>/dev/null || true; } | while read -r _ kafka_dir; do "$ROOT/scripts/stop.sh" --dir "$kafka_dir"; done
  [ -s "$started_file" ] || info "nothing to stop: no demo has started Kafka, a Spark cluster or HDFS"
  rm -f "$started_file"
  exit 0
fi
[ -r "$input" ] || { echo "error: $input: no such readable file" >&2; exit 2; }
[[ "$rate" =~ ^[1-9][0-9]*$ ]] || { echo "error: --rate must be a whole number of calls per second, not '$rate'" >&2; exit 2; }
[[ "$dashboard_port" =~ ^[0-9]+$ ]] || { echo "error: --dashboard-port must be a port number, not '$dashboard_port'" >&2; exit 2; }
[ "$dashboard" = 1 ] && [ "$cluster" = 1 ] && { echo "error: --dashboard runs the job in local mode: not with --cluster" >&2; exit 2; }
# The demo's own state folder, apart from scripts/start.sh's default: the README's steps, run after
# the demo, then start on a Kafka of their own, not on the demo's topic.
brokers=1 replicas=1 kafka_dir="$RUNTIME_DIR/kafka-demo"
[ "$cluster" = 1 ] && brokers=3 replicas=3 kafka_dir="$RUNTIME_DIR/kafka-demo-3"
# With --secure every client names its user's file; the admin empties the topic.
secure_start=() admin=() producer=() consumer=() job=() dashboard_client=() spark_dir="$RUNTIME_DIR/spark-cluster"
if [ "$secure" = 1 ]; then
  spark_dir="$RUNTIME_DIR/spark-cluster-secure"
  kafka_dir="$kafka_dir-secure"
  secure_start=(--secure)
  admin=(--command-config "$kafka_dir/client-admin.properties")
  producer=(--producer-config "$kafka_dir/client-producer.properties")
  consumer=(--consumer-config "$kafka_dir/client-consumer.properties")
  job=(--kafka-config "$kafka_dir/client-stream-job.properties")
  dashboard_client=(--consumer-config "$kafka_dir/client-dashboard.properties")
fi
cd "$ROOT"
started=$(date +%s)
mkdir -p "$RUNTIME_DIR"
remember() { grep -qx "$1" "$started_file" 2>/dev/null || echo "$1" >>"$started_file"; }

ensure_jars
broker_pid "$kafka_dir/node-1" >/dev/null || remember "kafka $kafka_dir"
bootstrap="$("$ROOT/scripts/start.sh" --brokers "$brokers" --port "$port" --dir "$kafka_dir" "${secure_start[@]}" | tail -n 1)"
master='local[2]' job_state=() spark_submit=() sinks=console output=""
if [ "$cluster" = 1 ]; then
  "$ROOT/scripts/spark-cluster.sh" status --dir "$spark_dir" >/dev/null 2>&1 || remember "spark-cluster $spark_dir"
  master="$("$ROOT/scripts/spark-cluster.sh" start --dir "$spark_dir" --workers 2 --cores 1 --memory 1g \
    "${secure_start[@]}" | tail -n 1)"
  [ "$secure" = 0 ] || spark_submit=(--properties-file "$spark_dir/spark-secure.properties")
  "$ROOT/scripts/hdfs.sh" status >/dev/null 2>&1 || remember hdfs
  hdfs="$("$ROOT/scripts/hdfs.sh" start --datanodes 2 | tail -n 1)"
  # Executors write the checkpoint and the files on whichever worker their tasks run: storage that
  # every worker reaches, new for each run as the topic is.
  "$ROOT/scripts/hdfs-dfs" -rm -r -f -skipTrash "$hdfs/sf-crime-demo" >/dev/null
  output="$hdfs/sf-crime-demo/counts" sinks=console,files
  job_state=(--checkpoint "$hdfs/sf-crime-demo/checkpoint" --output-dir "$output")
  spark_submit+=(--conf spark.hadoop.dfs.replication=2)
fi

info "emptying $topic so that the demo starts from a clean topic"
kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "${admin[@]}" --delete --if-exists \
  --topic "$topic" >/dev/null
for _ in $(seq 1 60); do   # deletion is asynchronous: wait until the name is free again
  kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" "${admin[@]}" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replicas" >/dev/null 2>&1 && break
  sleep 1
done

if [ "$dashboard" = 1 ]; then
  run_dashboard_demo "$bootstrap" "$rate" "$dashboard_port"
  exit 0
fi

info "1/3 replaying $(basename "$input") into $topic (event-time order)"
java -jar producer/target/producer.jar --bootstrap-server "$bootstrap" --topic "$topic" --input "$input" "${producer[@]}"

info "2/3 verifying delivery: every record in the file exactly once in the topic"
java -jar consumer/target/consumer.jar --bootstrap-server "$bootstrap" --topic "$topic" --verify "$input" "${consumer[@]}"

info "3/3 counting calls per hour, crime type and disposition with Spark on $master (bounded run)"
"$ROOT/scripts/spark-submit" --master "$master" "${spark_submit[@]}" stream-job/target/stream-job.jar \
  --bootstrap-server "$bootstrap" --topic "$topic" --bounded --ui-port 0 --console-rows 25 --sinks "$sinks" \
  "${job_state[@]}" "${job[@]}"
if [ -n "$output" ]; then
  info "the files sink on HDFS holds $("$ROOT/scripts/hdfs-dfs" -cat "$output/part-*" | grep -c .) final windows" \
    "(scripts/hdfs-dfs -ls $output)"
fi

info "done in $(( $(date +%s) - started ))s. Still running: Kafka on $bootstrap$([ "$cluster" = 1 ] \
  && echo ", the Spark master $master and 2 workers (UI http://127.0.0.1:8080), HDFS $hdfs (UI http://127.0.0.1:9870)"):"
cat >&2 <<NEXT
    look at the topic:  scripts/kafka-console-consumer --bootstrap-server $bootstrap --topic $topic --from-beginning --max-messages 5$(
      [ "$secure" = 0 ] || echo " --command-config $kafka_dir/client-consumer.properties")
    stop them:          scripts/demo.sh --stop
NEXT
