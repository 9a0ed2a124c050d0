#!/usr/bin/env bash
# The bounded 200k drain on local[2] against a standalone cluster of 2 workers x 1 core, on this
# machine, alternating within one run; and on the cluster, the checkpoint and a files sink on the
# local disk against the same on HDFS. Starts its own broker, cluster and HDFS on free loopback
# ports, loads the input once, and stops them at the end. Each measured run holds /tmp/sf-bench.lock.
#   scripts/generate-sample.sh --records 200000 --output /tmp/calls-200k.json
#   scripts/bench-spark-cluster.sh --input /tmp/calls-200k.json --rounds 3
# Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/bench-spark-cluster.sh --input FILE [--rounds N] [--port N]

Drains FILE's calls from a 3-partition topic with the job (--bounded --sinks kafka, shipped
settings) under --master 'local[2]' and under a master with 2 workers of 1 core; and on that
master with --sinks kafka,files, the checkpoint and the files on the local disk ("disk") and on an
HDFS of 2 DataNodes, replication 2 ("hdfs"); rotating the order each round. Prints per run the
batch time (sum of triggerExecution from --metrics-file) and the wall time of scripts/spark-submit,
then the medians and the cluster/local and hdfs/disk ratios.
  --input FILE   calls to load (e.g. from scripts/generate-sample.sh --records 200000)
  --rounds N     runs per configuration (default: 3)
  --port N       first of the 14 loopback ports it uses (default: a random one from 20000)

Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
USAGE
}

input="" rounds=3 port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input="${2:-}"; shift 2 ;;
    --rounds) rounds="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/bench-spark-cluster.sh --help)" >&2; exit 2 ;;
  esac
done
[ -r "$input" ] || { echo "error: --input needs a readable file, got '$input'" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "error: --rounds needs a whole number above 0, got '$rounds'" >&2; exit 2; }
input="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"

ensure_jars
ensure_spark_runtime
work="$(mktemp -d "${TMPDIR:-/tmp}/spark-cluster-bench.XXXXXX")"
# A copy of the job's jar: others may rebuild target/ while this runs.
cp "$ROOT/stream-job/target/stream-job.jar" "$work/stream-job.jar"
[ -n "$port" ] || port=$(( 20000 + RANDOM % 20000 ))
[[ "$port" =~ ^[1-9][0-9]*$ ]] && [ "$port" -le 65520 ] || { echo "error: --port needs a port number, got '$port'" >&2; exit 2; }
cleanup() {
  "$ROOT/scripts/spark-cluster.sh" stop --dir "$work/cluster" --timeout 20 >/dev/null 2>&1 || true
  "$ROOT/scripts/hdfs.sh" stop --dir "$work/hdfs" --timeout 20 >/dev/null 2>&1 || true
  "$ROOT/scripts/stop.sh" --dir "$work/kafka" --timeout 20 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

bootstrap="127.0.0.1:$port" topic=bench.calls
"$ROOT/scripts/start.sh" --port "$port" --controller-port $(( port + 1 )) --dir "$work/kafka" --topic "$topic" \
  --partitions 3 --timeout 300 2>/dev/null
info "loading $(basename "$input") into $topic"
java -Xmx512m -jar "$ROOT/producer/target/producer.jar" --bootstrap-server "$bootstrap" --topic "$topic" --input "$input" \
  >/dev/null 2>"$work/producer.log" || { cat "$work/producer.log" >&2; die "loading the topic failed"; }
master="$("$ROOT/scripts/spark-cluster.sh" start --dir "$work/cluster" --workers 2 --cores 1 --memory 1g \
  --port $(( port + 2 )) --webui-port $(( port + 3 )) --timeout 300 2>/dev/null | tail -n 1)"
# Ports port+6 (the NameNode) to port+12 (2 DataNodes), and port+13 (its UI).
hdfs="$("$ROOT/scripts/hdfs.sh" start --dir "$work/hdfs" --datanodes 2 --port $(( port + 6 )) --http-port $(( port + 13 )) \
  --timeout 300 2>/dev/null | tail -n 1)"

# run NAME MASTER ROUND [STATE]: one bounded drain; prints "batch_s wall_s batches". With STATE (a
# folder or URI), the checkpoint and a files sink go there.
run() {
  local name="$1" master="$2" dir="$work/run-$1-$3" start end state=(--checkpoint "$work/run-$1-$3/checkpoint") sinks=kafka
  mkdir -p "$dir"
  if [ -n "${4:-}" ]; then
    state=(--checkpoint "$4/run-$1-$3/checkpoint" --output-dir "$4/run-$1-$3/counts") sinks=kafka,files
  fi
  # The wall time starts once the lock is held, so waiting for another benchmark is not counted.
  exec 9>/tmp/sf-bench.lock
  flock -w 1800 9 || die "another benchmark held /tmp/sf-bench.lock for 30 minutes"
  start=$(date +%s.%N)
  "$ROOT/scripts/spark-submit" --master "$master" --conf spark.hadoop.dfs.replication=2 "$work/stream-job.jar" \
    --bootstrap-server "$bootstrap" --topic "$topic" --bounded --sinks "$sinks" --output-topic "bench.counts.$name.$3" \
    "${state[@]}" --metrics-file "$dir/metrics.jsonl" --ui-port 0 >/dev/null 2>"$dir/job.log" \
    || { tail -n 20 "$dir/job.log" >&2; die "the $name run failed (log above)"; }
  end=$(date +%s.%N)
  exec 9>&-
  awk -v wall="$(echo "$end - $start" | bc)" -F'"triggerExecution":' \
    'NF > 1 { split($2, v, /[,}]/); ms += v[1]; n++ } END { printf "%.1f %.1f %d\n", ms / 1000, wall, n }' "$dir/metrics.jsonl"
}

records=$(grep -c '"crime_id"' "$input" || true)
echo "== stream job, bounded drain of $records calls: local[2] against $master (2 workers x 1 core), $rounds rounds =="
printf '%-6s %-10s %9s %8s %8s\n' round run "batch s" "wall s" batches
declare -A batch_times wall_times
for round in $(seq 1 "$rounds"); do
  order="local cluster disk hdfs"; [ $(( round % 2 )) = 0 ] && order="hdfs disk cluster local"
  for mode in $order; do
    case "$mode" in
      local) result="$(run "$mode" 'local[2]' "$round")" ;;
      cluster) result="$(run "$mode" "$master" "$round")" ;;
      disk) result="$(run "$mode" "$master" "$round" "$work")" ;;
      hdfs) result="$(run "$mode" "$master" "$round" "$hdfs")" ;;
    esac
    read -r batch wall batches <<<"$result"
    printf '%-6s %-10s %9s %8s %8s\n' "$round" "$mode" "$batch" "$wall" "$batches"
    batch_times[$mode]+="$batch "; wall_times[$mode]+="$wall "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lb=$(median <<<"${batch_times[local]}") cb=$(median <<<"${batch_times[cluster]}")
lw=$(median <<<"${wall_times[local]}") cw=$(median <<<"${wall_times[cluster]}")
db=$(median <<<"${batch_times[disk]}") hb=$(median <<<"${batch_times[hdfs]}")
dw=$(median <<<"${wall_times[disk]}") hw=$(median <<<"${wall_times[hdfs]}")
echo "median local[2]: batch $lb s, wall $lw s; cluster: batch $cb s, wall $cw s"
echo "median cluster with checkpoint and files sink on disk: batch $db s, wall $dw s; on HDFS: batch $hb s, wall $hw s"
# Not timed: one more local[2] drain with Spark's INFO log, for the state store's own size figures.
state_dir="$work/run-state"; mkdir -p "$state_dir"
flock -w 1800 /tmp/sf-bench.lock "$ROOT/scripts/spark-submit" --master 'local[2]' "$work/stream-job.jar" \
  --bootstrap-server "$bootstrap" --topic "$topic" --bounded --sinks kafka --output-topic bench.counts.state \
  --checkpoint "$state_dir/checkpoint" --ui-port 0 --log-level INFO >/dev/null 2>"$state_dir/job.log" \
  || { tail -n 20 "$state_dir/job.log" >&2; die "the state-size run failed (log above)"; }
# The largest state of the drain: rows and the in-memory size Spark estimates for them.
tr -d '\n' <"$state_dir/job.log" | grep -o '"numRowsTotal" : [0-9]*,[^}]*"memoryUsedBytes" : [0-9]*' \
  | sed 's/"numRowsTotal" : \([0-9]*\),.*"memoryUsedBytes" : \([0-9]*\)/\1 \2/' | sort -n | tail -n 1 \
  | awk '{ printf "state store (local[2], largest batch): %d rows, %.1f MB in memory, %.0f bytes per row\n", $1, $2 / 1e6, $2 / $1 }'
echo "cluster / local: batch time $(echo "scale=2; $cb / $lb" | bc)x, wall time $(echo "scale=2; $cw / $lw" | bc)x (above 1: the cluster is slower)"
echo "hdfs / disk: batch time $(echo "scale=2; $hb / $db" | bc)x, wall time $(echo "scale=2; $hw / $dw" | bc)x (above 1: HDFS is slower)"
