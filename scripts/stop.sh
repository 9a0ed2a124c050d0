#!/usr/bin/env bash
# Stops the Kafka nodes that scripts/start.sh started, by their pid files: SIGTERM to all of them at
# once, then SIGKILL to any still running after a timeout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_error() { echo "error: $* (see scripts/stop.sh --help)" >&2; exit 2; }
usage() {
  cat <<USAGE
Usage: scripts/stop.sh [--dir DIR] [--node I] [--timeout S]

Stops every node of the Kafka started by scripts/start.sh --dir DIR (default: .runtime/kafka-run),
or only node I (DIR/node-I) with --node. Nodes get S seconds (default: 30) to shut down cleanly,
then are killed; nodes that are not running count as stopped.
Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
USAGE
}

dir="$RUNTIME_DIR/kafka-run" node="" timeout=30
while [ $# -gt 0 ]; do
  case "$1" in
    --dir|--node|--timeout)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --dir) dir="$2" ;;
        --node) node="$2" ;;
        --timeout) timeout="$2" ;;
      esac
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
[[ "$timeout" =~ ^[0-9]+$ ]] || usage_error "--timeout needs a whole number of seconds, got '$timeout'"
[ -d "$dir" ] && dir="$(cd "$dir" && pwd)"

if [ -n "$node" ]; then
  [[ "$node" =~ ^[1-9][0-9]*$ ]] || usage_error "--node needs a node number, 1 or more, got '$node'"
  [ -d "$dir/node-$node" ] || usage_error "$dir has no node $node (no folder node-$node)"
  folders=("$dir/node-$node")
else
  folders=()
  for folder in "$dir"/node-*/; do
    [ -d "$folder" ] && folders+=("${folder%/}")
  done
fi

daemons=()
for folder in "${folders[@]}"; do
  if broker_pid "$folder" >/dev/null; then
    daemons+=("node ${folder##*/node-}" "$folder/kafka.pid" "kafka.Kafka $folder/server.properties")
  else
    rm -f "$folder/kafka.pid"
    info "node ${folder##*/node-} is not running"
  fi
done
[ "${#daemons[@]}" -gt 0 ] && daemon_stop "$timeout" "${daemons[@]}" || info "no Kafka node of $dir is running"
