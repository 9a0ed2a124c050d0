#!/usr/bin/env bash
# Consumer benchmark: our delivery verifier (consumer.jar --verify) vs kafka-consumer-perf-test,
# alternating over one topic holding the data set, against one real broker.
# Table on stdout, progress on stderr, CSV under .runtime/bench/. The whole command holds
# /tmp/sf-bench.lock (--lock-file), so it never overlaps another benchmark on this machine.
#   scripts/bench-consumer.sh             # 200,000 records, 3 rounds: a few minutes
#   scripts/bench-consumer.sh --help
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
run_benchmark 256m org.sfcrime.bench.clients.ConsumerBenchmark --with-client-jars "$@"
