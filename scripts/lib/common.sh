# Shared by the scripts: where things are, and resolving the official Kafka and Spark jars once.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNTIME_DIR="${SF_RUNTIME_DIR:-$ROOT/.runtime}"

die() { echo "error: $*" >&2; exit 1; }
info() { echo "==> $*" >&2; }

# A value of config/pipeline.properties, the settings every component shares (e.g. topic).
pipeline_setting() {
  local value
  value="$(sed -n "s/^${1//./\\.}=//p" "$ROOT/config/pipeline.properties" | tail -n 1)"
  [ -n "$value" ] || die "config/pipeline.properties has no value for $1"
  printf '%s\n' "$value"
}

# Versions are pinned once, in the parent pom.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1; }
KAFKA_VERSION="$(pom_property kafka.version)"
SPARK_VERSION="$(pom_property spark.version)"
HADOOP_VERSION="$(pom_property hadoop.version)"
KAFKA_LIBS="$RUNTIME_DIR/kafka-$KAFKA_VERSION/libs"
SPARK_JARS="$RUNTIME_DIR/spark-$SPARK_VERSION/jars"
HADOOP_JARS="$RUNTIME_DIR/hadoop-$HADOOP_VERSION/jars"

source "$ROOT/scripts/lib/daemon.sh"

command -v java >/dev/null 2>&1 || die "java not found on PATH: install a JDK 17 or newer"

# Copies the jars listed by scripts/runtime/NAME/pom.xml into DEST, once. Written to a temporary
# folder and renamed, so an interrupted or concurrent run never leaves a half-filled folder.
resolve_runtime() {
  local name="$1" dest="$2"
  [ -f "$dest/.complete" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH: Maven is needed to fetch the $name jars"
  info "fetching the official $name jars through Maven into ${dest#"$ROOT"/} (once)"
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$dest")"
  if ! mvn -B -q -f "$ROOT/scripts/runtime/$name/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    tail -n 20 "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "could not fetch the $name jars with Maven (see above)"
  fi
  rm -f "$tmp.log"
  touch "$tmp/.complete"
  if ! mv -T "$tmp" "$dest" 2>/dev/null; then
    rm -rf "$tmp"   # another run finished first; its copy is as good as ours
    [ -f "$dest/.complete" ] || die "could not move the $name jars into $dest"
  fi
}

ensure_kafka_runtime() { resolve_runtime kafka "$KAFKA_LIBS"; }

# The pid of the broker started for node folder $1 (DIR/node-i), if it is alive and is that node's broker.
broker_pid() { daemon_pid "$1/kafka.pid" "kafka.Kafka $1/server.properties"; }
ensure_spark_runtime() { resolve_runtime spark "$SPARK_JARS"; }
ensure_hdfs_runtime() { resolve_runtime hdfs "$HADOOP_JARS"; }

# The java command line for a class from the Kafka jars (broker, storage tool, CLI tools), in KAFKA_CMD.
kafka_command() {
  ensure_kafka_runtime
  # shellcheck disable=SC2206
  KAFKA_CMD=(java ${KAFKA_HEAP_OPTS:--Xms64m -Xmx512m} ${KAFKA_JVM_OPTS:-}
    -Dlog4j2.configurationFile="$ROOT/config/kafka-log4j2.properties" -cp "$KAFKA_LIBS/*" "$@")
}

kafka_run() {
  kafka_command "$@"
  "${KAFKA_CMD[@]}"
}

# Builds the project's jars when one is missing or older than the sources.
ensure_jars() {
  local stale=0 jar
  for jar in sample/target/sample.jar producer/target/producer.jar consumer/target/consumer.jar stream-job/target/stream-job.jar \
      dashboard/target/dashboard.jar; do
    if [ ! -f "$ROOT/$jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT/config" \
          -newer "$ROOT/$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  if [ "$stale" = 1 ]; then
    command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH: Maven is needed to build the jars"
    info "building the jars (mvn package, tests skipped)"
    # stdout carries the commands' data: the build speaks on stderr
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2) || die "the build failed (see above)"
  fi
}
