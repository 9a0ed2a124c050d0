#!/usr/bin/env bash
# Stops the broker that scripts/start.sh started, by its pid file: SIGTERM, then SIGKILL after a timeout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

dir="$RUNTIME_DIR/kafka-run" timeout=30
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 ;;
    --timeout) timeout="${2:-}"; shift 2 ;;
    -h|--help) echo "Usage: scripts/stop.sh [--dir DIR] [--timeout S]  (defaults: .runtime/kafka-run, 30)"; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/stop.sh --help)" >&2; exit 2 ;;
  esac
done
[ -d "$dir" ] && dir="$(cd "$dir" && pwd)"
pid_file="$dir/kafka.pid"
if ! pid="$(broker_pid "$dir")"; then
  rm -f "$pid_file"
  info "Kafka is not running (no live broker of $dir in $pid_file)"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 $(( timeout * 2 ))); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; info "Kafka (pid $pid) stopped"; exit 0; }
  sleep 0.5
done
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pid_file"
info "Kafka (pid $pid) did not stop within ${timeout}s and was killed"
