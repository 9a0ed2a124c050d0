# Shared by the benchmark scripts: build benchmarks.jar when needed and run a class from it on
# private copies of the jars.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"

# benchmarks.jar is not among ensure_jars' jars: build it when missing or older than its sources.
ensure_bench_jar() {
  ensure_jars
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$ROOT/benchmarks/pom.xml" "$ROOT/benchmarks/src/main" "$ROOT/call-record/src" "$ROOT/sample/src" \
        -newer "$BENCH_JAR" -type f -print -quit 2>/dev/null)" ]; then
    info "building benchmarks.jar"
    command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH: Maven is needed to build benchmarks.jar"
    # call-record and sample too: the benchmarks use call-record's test-jar (the broker harness) and
    # the sample generator, built in the same reactor.
    (cd "$ROOT" && mvn -B -q -pl call-record,sample,benchmarks -DskipTests package) || die "the benchmarks build failed (see above)"
  fi
}

# Copies a jar into BENCH_SNAPSHOT. Others on this machine rebuild target/ while we measure, and a
# jar replaced under a running JVM (or between two rounds) would break or skew the runs.
snapshot_jar() {
  local attempt
  for attempt in 1 2 3; do
    cp "$1" "$BENCH_SNAPSHOT/$2" && cmp -s "$1" "$BENCH_SNAPSHOT/$2" && return 0
    sleep 2   # it changed while we copied: a build is writing it
  done
  die "could not take a stable copy of $1 (is a build rewriting it?)"
}

# run_benchmark HEAP CLASS [--with-client-jars] ARGS...: runs CLASS from a copy of benchmarks.jar;
# with --with-client-jars it also passes copies of the producer and consumer jars.
# The machine has 2 cores and is shared: two measurements running at once would each measure the
# other, so the whole command holds an exclusive lock on --lock-file (released by the kernel
# however it ends), waiting at most --lock-wait-s for another benchmark to release it.
run_benchmark() {
  local heap="$1" class="$2" client_jars=() args=() lock_file=/tmp/sf-bench.lock lock_wait=1800 lock_fd help=""
  shift 2
  while [ $# -gt 0 ]; do
    case "$1" in
      --lock-file) lock_file="${2:?--lock-file needs a FILE}"; shift 2 ;;
      --lock-wait-s) lock_wait="${2:-}"; shift 2
        [[ "$lock_wait" =~ ^[0-9]+$ ]] || { echo "error: --lock-wait-s must be 0 or more seconds, not '$lock_wait'" >&2; exit 2; } ;;
      -h|--help|-V|--version) help=1; args+=("$1"); shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  set -- "${args[@]}"
  if [ -n "$help" ]; then
    bench_help "$class" "$@"
    return 0
  fi
  ensure_bench_jar
  ensure_kafka_runtime
  BENCH_SNAPSHOT="$(mktemp -d "${TMPDIR:-/tmp}/sf-bench-jars.XXXXXX")"
  trap 'rm -rf "$BENCH_SNAPSHOT"' EXIT
  snapshot_jar "$BENCH_JAR" benchmarks.jar
  if [ "${1:-}" = "--with-client-jars" ]; then
    shift
    snapshot_jar "$ROOT/producer/target/producer.jar" producer.jar
    snapshot_jar "$ROOT/consumer/target/consumer.jar" consumer.jar
    client_jars=(--producer-jar "$BENCH_SNAPSHOT/producer.jar" --consumer-jar "$BENCH_SNAPSHOT/consumer.jar")
  fi
  cd "$ROOT"
  exec {lock_fd}>"$lock_file" || die "cannot open --lock-file $lock_file"
  if ! flock -n "$lock_fd"; then
    info "waiting for $lock_file: another measurement is running"
    flock -w "$lock_wait" "$lock_fd" || die "another benchmark held $lock_file for more than $lock_wait s (raise --lock-wait-s)"
  fi
  # A quiet orchestrating JVM: it shares the 2 cores with what it measures. Not exec: the trap
  # removes the copies afterwards. The lock stays with this shell, not with the children.
  java -Xmx"$heap" -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dproject.root="$ROOT" \
    -Dbench.lock.file="$lock_file" \
    -cp "$BENCH_SNAPSHOT/benchmarks.jar" "$class" "${client_jars[@]}" "$@" {lock_fd}>&-
}

# True when the arguments ask for help or the version: then a script builds, fetches and starts nothing.
wants_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in -h|--help|-V|--version) return 0 ;; esac
  done
  return 1
}

# bench_help CLASS ARGS...: the benchmark's own --help from an already built benchmarks.jar (never
# a build), then the options of the script itself.
bench_help() {
  local class="$1"
  shift
  [ "${1:-}" = "--with-client-jars" ] && shift
  if [ -f "$BENCH_JAR" ]; then
    java -cp "$BENCH_JAR" "$class" "$@"
  else
    echo "benchmarks.jar is not built yet: the first run builds it, or 'mvn -B -DskipTests package'; --help then lists every option."
  fi
  printf '\nScript options (before or among the others):\n  --lock-file FILE   %s\n  --lock-wait-s S    %s\n' \
    "File locked exclusively while this command runs, shared with every other benchmark on this machine (default: /tmp/sf-bench.lock)." \
    "Longest wait for another benchmark to release the lock, in seconds (default: 1800; 0 = only try once)."
}
