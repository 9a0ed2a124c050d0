#!/usr/bin/env bash
# Starts a single-node Kafka (KRaft, broker+controller) on loopback and creates the calls topic.
# Safe to run twice: a running broker is left alone and the topic is created only if missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/start.sh [options]

Starts Apache Kafka $KAFKA_VERSION (the official jars, fetched through Maven on first use) as
one KRaft node bound to 127.0.0.1, waits until it serves requests, and creates the topic.

Options:
  --port N             broker port (default: 9092)
  --controller-port N  KRaft controller port (default: 9093)
  --dir DIR            state folder: data/, server.log, kafka.pid (default: .runtime/kafka-run)
  --topic NAME         topic to create (default: police.department.calls)
  --partitions N       partitions of a newly created topic (default: 3)
  --timeout S          seconds to wait for the broker (default: 60)
  -h, --help           show this help

Settings are in config/server.properties. Stop the broker with scripts/stop.sh [--dir DIR].
Exit codes: 0 running and topic present, 1 failure, 2 usage error.
USAGE
}

port=9092 controller_port=9093 dir="$RUNTIME_DIR/kafka-run" topic=police.department.calls partitions=3 timeout=60
is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:-}"; shift 2 ;;
    --controller-port) controller_port="${2:-}"; shift 2 ;;
    --dir) dir="${2:-}"; shift 2 ;;
    --topic) topic="${2:-}"; shift 2 ;;
    --partitions) partitions="${2:-}"; shift 2 ;;
    --timeout) timeout="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/start.sh --help)" >&2; exit 2 ;;
  esac
done
for pair in "port:$port" "controller-port:$controller_port" "partitions:$partitions" "timeout:$timeout"; do
  is_number "${pair#*:}" || { echo "error: --${pair%%:*} needs a whole number, got '${pair#*:}'" >&2; exit 2; }
done
[ -n "$dir" ] && [ -n "$topic" ] || { echo "error: --dir and --topic need a value" >&2; exit 2; }

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pid_file="$dir/kafka.pid" log_file="$dir/server.log" config="$dir/server.properties"
bootstrap="127.0.0.1:$port"

running_pid() { broker_pid "$dir"; }

if pid="$(running_pid)"; then
  info "Kafka is already running (pid $pid, $bootstrap)"
else
  ensure_kafka_runtime
  # The effective configuration: the shipped file plus this run's ports and folder.
  {
    cat "$ROOT/config/server.properties"
    echo
    echo "# Added by scripts/start.sh"
    echo "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port"
    echo "advertised.listeners=PLAINTEXT://127.0.0.1:$port"
    echo "controller.quorum.bootstrap.servers=127.0.0.1:$controller_port"
    echo "log.dirs=$dir/data"
  } >"$config"
  if [ ! -f "$dir/data/meta.properties" ]; then
    info "formatting KRaft storage in $dir/data"
    cluster_id="$(kafka_run kafka.tools.StorageTool random-uuid)"
    kafka_run kafka.tools.StorageTool format --standalone --cluster-id "$cluster_id" --config "$config" \
      >>"$log_file" 2>&1 || { tail -n 20 "$log_file" >&2; die "formatting storage failed (log: $log_file)"; }
  fi
  info "starting Kafka $KAFKA_VERSION on $bootstrap (log: $log_file)"
  # setsid: the broker outlives this script and the terminal; INFO logs go to its own log file.
  KAFKA_JVM_OPTS="-Dkafka.root.level=INFO ${KAFKA_JVM_OPTS:-}" KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}" \
    kafka_command kafka.Kafka "$config"
  # The log is appended to across restarts: only what this start writes can say it is up.
  log_start=$(( $(stat -c %s "$log_file" 2>/dev/null || echo 0) + 1 ))
  setsid "${KAFKA_CMD[@]}" >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  started_at=$(date +%s)
  until grep -q "Kafka Server started" <(tail -c +"$log_start" "$log_file" 2>/dev/null); do
    if ! running_pid >/dev/null; then
      tail -n 20 "$log_file" >&2
      rm -f "$pid_file"
      die "Kafka exited during start-up (log: $log_file)"
    fi
    if [ $(( $(date +%s) - started_at )) -ge "$timeout" ]; then
      tail -n 20 "$log_file" >&2
      die "Kafka did not start within ${timeout}s (log: $log_file); stop it with scripts/stop.sh --dir $dir"
    fi
    sleep 0.5
  done
  info "Kafka is up (pid $(cat "$pid_file")) after $(( $(date +%s) - started_at ))s"
fi

kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic "$topic" --partitions "$partitions" --replication-factor 1 >/dev/null \
  || die "could not create topic $topic on $bootstrap"
info "topic $topic is ready on $bootstrap"
