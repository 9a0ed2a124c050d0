#!/usr/bin/env bash
# Producer throughput and acknowledgement latency against a 3-node cluster (scripts/start.sh
# --brokers 3: 3 replicas, min.insync.replicas=2, acks=all), healthy and with one node down, in one
# run and alternating; plus the per-partition anchor (1 partition vs 3). Each measurement is
# Kafka's kafka-producer-perf-test (records/s and p99 latency) and the wall time of our producer
# jar replaying the same calls file. Results on stdout, progress on stderr.
#   scripts/bench-cluster.sh                       # 100,000 calls, 2 rounds
#   scripts/bench-cluster.sh --records 200000 --rounds 3
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/bench-cluster.sh [--records N] [--rounds R]

Starts its own 3-node cluster on free loopback ports in a temporary folder, then, R times:
healthy (1-partition and 3-partition topics), node 3 stopped (3 partitions), node 3 back.
Calls file: N synthetic calls (scripts/generate-sample.sh, kept in .runtime/bench/).
Prints one line per condition with the medians over the rounds.

Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
USAGE
}

records=100000 rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="${2:-}"; shift 2 ;;
    --rounds) rounds="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/bench-cluster.sh --help)" >&2; exit 2 ;;
  esac
done
[[ "$records" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]] \
  || { echo "error: --records and --rounds need a whole number, 1 or more" >&2; exit 2; }

ensure_jars
ensure_kafka_runtime
calls="$RUNTIME_DIR/bench/calls-$records.json"
if [ ! -f "$calls" ]; then
  mkdir -p "$RUNTIME_DIR/bench"
  "$ROOT/scripts/generate-sample.sh" --records "$records" --output "$calls.tmp" >&2 && mv "$calls.tmp" "$calls"
fi
# perf-test sends records of the calls' average size.
record_size=$(( $(stat -c %s "$calls") / records ))
producer_jar="$(mktemp "${TMPDIR:-/tmp}/bench-producer.XXXXXX.jar")"
cp "$ROOT/producer/target/producer.jar" "$producer_jar"   # others may rebuild target/ while we measure

dir="$(mktemp -d "${TMPDIR:-/tmp}/bench-cluster.XXXXXX")"
port=$(( 20000 + RANDOM % 12000 ))
cleanup() {
  "$ROOT/scripts/stop.sh" --dir "$dir" --timeout 20 || true
  rm -rf "$dir" "$producer_jar"
}
trap cleanup EXIT
start() { "$ROOT/scripts/start.sh" --brokers 3 --port "$port" --dir "$dir" --timeout 240 "$@" | tail -n 1; }
bootstrap="$(start --topic bench.p3 --partitions 3)"
start --topic bench.p1 --partitions 1 >/dev/null
start --topic bench.calls --partitions 3 >/dev/null

# Node 3 back in every in-sync replica set, and leadership spread again as at creation.
rebalance() {
  local waited=0
  while [ -n "$(kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --describe \
        --under-replicated-partitions 2>/dev/null)" ]; do
    [ "$waited" -lt 120 ] || die "replicas of node 3 did not catch up within 120s"
    sleep 2; waited=$(( waited + 2 ))
  done
  kafka_run org.apache.kafka.tools.LeaderElectionCommand --bootstrap-server "$bootstrap" \
    --election-type preferred --all-topic-partitions >/dev/null 2>&1 || true
}

# One kafka-producer-perf-test run: "records/s MB/s p99-ms".
perf_test() {
  local line
  line="$(timeout 600 "$ROOT/scripts/kafka-producer-perf-test" --topic "$1" --num-records "$records" \
    --record-size "$record_size" --throughput -1 --producer-props bootstrap.servers="$bootstrap" acks=all \
    linger.ms=20 batch.size=262144 compression.type=lz4 | tail -n 1)"
  [[ "$line" == *"99th"* ]] || die "kafka-producer-perf-test printed no summary: $line"
  sed -E 's/.* records sent, ([0-9.]+) records\/sec \(([0-9.]+) MB\/sec\).* ([0-9.]+) ms 99th.*/\1 \2 \3/' <<<"$line"
}

# Wall time in seconds of our producer replaying the calls file (it exits 0 only if all were acknowledged).
producer_seconds() {
  local started=$(date +%s%N)
  timeout 600 java -Xmx512m -jar "$producer_jar" --bootstrap-server "$bootstrap" --topic bench.calls \
    --input "$calls" >/dev/null 2>"$dir/producer.err" || { tail -n 5 "$dir/producer.err" >&2; die "the producer failed"; }
  awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }'
}

declare -A results
measure() {   # measure NAME TOPIC [producer]
  local perf seconds=""
  perf="$(perf_test "$2")"
  results["$1.perf"]+="$perf"$'\n'
  if [ "${3:-}" = producer ]; then
    seconds="$(producer_seconds)"
    results["$1.jar"]+="$seconds"$'\n'
  fi
  info "round $round, $1: perf-test $perf (records/s, MB/s, p99 ms)${seconds:+; producer.jar ${seconds}s}"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
column_median() { awk -v c="$2" 'NF { print $c }' <<<"${results["$1.perf"]}" | median; }

for round in $(seq 1 "$rounds"); do
  measure "healthy, 1 partition" bench.p1
  measure "healthy, 3 partitions" bench.p3 producer
  "$ROOT/scripts/stop.sh" --dir "$dir" --node 3 --timeout 20
  measure "node 3 down, 3 partitions" bench.p3 producer
  start >/dev/null
  rebalance
done

echo "# scripts/bench-cluster.sh --records $records --rounds $rounds: 3 KRaft nodes on one host, replication 3,"
echo "# min.insync.replicas=2, acks=all, lz4, linger.ms=20; perf-test records of $record_size B; medians of $rounds rounds"
printf '%-28s %12s %8s %8s %16s\n' condition "perf rec/s" "MB/s" "p99 ms" "producer.jar s"
for condition in "healthy, 1 partition" "healthy, 3 partitions" "node 3 down, 3 partitions"; do
  jar="-"
  [ -z "${results["$condition.jar"]:-}" ] || jar="$(grep . <<<"${results["$condition.jar"]}" | median)"
  printf '%-28s %12s %8s %8s %16s\n' "$condition" "$(column_median "$condition" 1)" \
    "$(column_median "$condition" 2)" "$(column_median "$condition" 3)" "$jar"
done
