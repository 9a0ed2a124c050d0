#!/usr/bin/env bash
# Producer benchmark: our producer vs kafka-producer-perf-test (same records, same settings) vs a
# naive configuration of ours, alternating against one real broker.
# Table on stdout, progress on stderr, CSV under .runtime/bench/. The whole command holds
# /tmp/sf-bench.lock (--lock-file), so it never overlaps another benchmark on this machine.
#   scripts/bench-producer.sh             # 200,000 records, 3 rounds: a few minutes
#   scripts/bench-producer.sh --help
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
run_benchmark 256m org.sfcrime.bench.clients.ProducerBenchmark --with-client-jars "$@"
