#!/usr/bin/env bash
# The tuning study of the stream job (docs/TUNING.md): starts its own broker on free loopback ports,
# loads the generated 200k-call set once, drains it with the job over a grid of Spark settings
# (bounded mode, 3 runs per point), then measures live end-to-end latency per trigger interval.
# CSV and PNG charts go to .runtime/tune/ (--publish: the committed docs/tuning/). The whole command holds an exclusive lock on /tmp/sf-bench.lock.
#   scripts/tune.sh --quick          # quick plan: ~10 min grid + ~8 min live on 2 cores
#   scripts/tune.sh                  # full plan (about an hour or more)
#   scripts/tune.sh --part live      # one part only; --charts-only redraws the charts from the CSV
#   scripts/tune.sh --quick --publish   # replaces the results in docs/tuning/ that docs/TUNING.md cites
#   scripts/tune.sh --part grid --factors spark-defaults   # shipped vs Spark's plain defaults (~3 min)
#   scripts/tune.sh --help
# Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
wants_help "$@" || ensure_spark_runtime
# The study copies the job's and producer's jars itself when it starts.
run_benchmark 1g org.sfcrime.bench.tuning.TuningStudy "$@"
