#!/usr/bin/env bash
# Runs a Spark standalone cluster on this machine: one Master and N Workers, from the same
# Maven-resolved Spark jars as scripts/spark-submit (no Spark tarball), bound to 127.0.0.1.
set -euo pipefail
# What this script and its daemons write (logs, work dirs, the secret) is the owner's alone.
umask 077
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/spark-cluster.sh start|stop|status [options]

  start   starts a Spark $SPARK_VERSION standalone Master and --workers Workers on 127.0.0.1 (the
          official jars, fetched through Maven on first use), waits until every Worker has
          registered, and prints the master URL as the last line of stdout. Safe to run twice:
          what runs is left alone, a dead Master or Worker is started again.
  stop    stops the Workers, then the Master (SIGTERM, SIGKILL after --timeout).
  status  one line per process on stdout; exit 0 when the Master and every Worker run.

Options:
  --workers N      Workers to run (default: 2)
  --cores C        cores each Worker offers to executors (default: 1)
  --memory M       memory each Worker offers to executors, e.g. 1g or 768m (default: 1g, the
                   executor size spark-submit asks for unless given --executor-memory)
  --port N         Master port (default: 7077)
  --webui-port N   Master UI port; Worker i serves its UI on N+i (default: 8080)
  --dir DIR        state folder: master.log, master.pid, worker-i.log, worker-i.pid, spark-home/,
                   and per worker its own folders, as if on its own machine: worker-i/work
                   (SPARK_WORKER_DIR), worker-i/local (spark.local.dir), worker-i/tmp (the
                   executors' java.io.tmpdir) (default: .runtime/spark-cluster)
  --timeout S      seconds to wait for start-up, registration or a stop (default: 90)
  --secure         (start) authenticated, encrypted RPC: a random secret in DIR/secrets/ (mode 700)
                   and DIR/spark-secure.properties (mode 600: spark.authenticate, the secret,
                   spark.network.crypto.enabled, spark.ui.killEnabled=false), passed to the Master
                   and Workers with --properties-file, so the secret is on no command line. Only an
                   application submitted with the same file may register; the UIs still have no
                   access control (see docs/SECURITY.md). A DIR started with --secure is started
                   with it again, or stopped first.
  -h, --help       show this help

The daemons' heaps: SPARK_DAEMON_MEMORY (default 256m each). Submit the job with
  scripts/spark-submit --master spark://127.0.0.1:PORT stream-job/target/stream-job.jar \\
    --checkpoint hdfs://HOST:PORT/dir ...   (storage every worker reaches; see scripts/hdfs.sh)
and to a --secure cluster with --properties-file DIR/spark-secure.properties after --master.
Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
status exits 1 when the Master or a Worker is not running.
USAGE
}

usage_error() { echo "error: $*" >&2; exit 2; }

action="${1:-}"
case "$action" in
  start|stop|status) shift ;;
  -h|--help) usage; exit 0 ;;
  "") usage_error "start, stop or status is needed (see scripts/spark-cluster.sh --help)" ;;
  *) usage_error "unknown action '$action': start, stop or status (see scripts/spark-cluster.sh --help)" ;;
esac

workers=2 cores=1 memory=1g port=7077 webui_port=8080 dir="$RUNTIME_DIR/spark-cluster" timeout=90 secure=0
while [ $# -gt 0 ]; do
  case "$1" in
    --workers|--cores|--memory|--port|--webui-port|--dir|--timeout)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --workers) workers="$2" ;; --cores) cores="$2" ;; --memory) memory="$2" ;; --port) port="$2" ;;
        --webui-port) webui_port="$2" ;; --dir) dir="$2" ;; --timeout) timeout="$2" ;;
      esac
      shift 2 ;;
    --secure) secure=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$1' (see scripts/spark-cluster.sh --help)" ;;
  esac
done
for pair in "workers:$workers" "cores:$cores" "port:$port" "webui-port:$webui_port" "timeout:$timeout"; do
  [[ "${pair#*:}" =~ ^[1-9][0-9]*$ ]] || usage_error "--${pair%%:*} needs a whole number above 0, got '${pair#*:}'"
done
[[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] || usage_error "--memory needs a size such as 1g or 768m, got '$memory'"
[ $(( webui_port + workers )) -le 65535 ] && [ "$port" -le 65535 ] || usage_error "ports must be at most 65535"
[ -n "$dir" ] || usage_error "--dir needs a value"

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
chmod 700 "$dir"
secure_properties="$dir/spark-secure.properties"
master_url="spark://127.0.0.1:$port"
# Marks the daemons of this folder on their command line, so that a stale pid file never names another process.
marker="-Dsf.spark.cluster.dir=$dir"

MASTER_CLASS=org.apache.spark.deploy.master.Master WORKER_CLASS=org.apache.spark.deploy.worker.Worker
# What a daemon of class $1 started for this folder has on its command line (the marker right before the class).
daemon_match() { echo "$marker $1 "; }
master_pid() { daemon_pid "$dir/master.pid" "$(daemon_match "$MASTER_CLASS")"; }
worker_pid() { daemon_pid "$dir/worker-$1.pid" "$(daemon_match "$WORKER_CLASS")"; }
# Worker numbers that have a pid file in this folder, in order.
known_workers() {
  local file
  for file in "$dir"/worker-*.pid; do
    [ -e "$file" ] || continue
    file="${file##*/worker-}"; echo "${file%.pid}"
  done | sort -n
}

# SIGTERM to every worker at once, SIGKILL after the timeout; removes their pid files.
stop_workers() {
  local i daemons=()
  for i in $(known_workers); do
    daemons+=("worker $i" "$dir/worker-$i.pid" "$(daemon_match "$WORKER_CLASS")")
  done
  [ "${#daemons[@]}" -eq 0 ] || daemon_stop "$timeout" "${daemons[@]}" || true
}

# Starts class $1 as a daemon detached from this shell, logging to $2 (appended), pid into $3,
# with the environment variables $4 (a space-separated list of NAME=VALUE, may be empty). The variables the Worker hands to the executors it starts: a SPARK_HOME whose jars/ is the
# resolved folder (WorkerCommandBuilder builds the executor's classpath from it; RELEASE makes it
# read jars/ rather than a source build's folders), the Scala version, and loopback. A port that is
# taken is an error rather than the next one silently; the master's REST submission server (fixed
# port 6066, for cluster deploy mode, unused here) stays off so that several clusters can run.
spawn_daemon() {
  local class="$1" log="$2" pid_file="$3" env="$4"; shift 4
  local opens
  opens="$(pom_property spark.jvm.opens)"
  # shellcheck disable=SC2086
  daemon_start "$pid_file" "$log" env SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 $env \
    java -Xms64m -Xmx"${SPARK_DAEMON_MEMORY:-256m}" $opens -Dspark.port.maxRetries=0 -Dspark.master.rest.enabled=false \
      -cp "$SPARK_JARS/*" "$marker" "$class" "$@"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until grep pattern $2 appears in log $1 after byte $3, while the daemon of pid file $5 (class $6) lives.
await_log() {
  local log="$1" pattern="$2" from="$3" name="$4" pid_file="$5" class="$6" status=0
  daemon_await_log "$log" "$from" "$pattern" "$pid_file" "$(daemon_match "$class")" "$timeout" || status=$?
  if [ "$status" = 1 ]; then
    die "$name exited during start-up (log: $log)"
  elif [ "$status" = 2 ]; then
    daemon_kill "$pid_file" "$(daemon_match "$class")"
    die "$name did not come up within ${timeout}s and was stopped (log: $log)"
  fi
}

# DIR/spark-secure.properties: Spark's shared-secret authentication and AES-based RPC encryption
# for the daemons and every application submitted with it; the secret is made once per DIR, in a
# file that is owner-only from its creation (umask 077), and reaches processes in no argument.
write_secure_properties() {
  local secret_file="$dir/secrets/spark.secret"
  mkdir -p "$dir/secrets"
  chmod 700 "$dir/secrets"
  if [ ! -s "$secret_file" ]; then
    head -c 32 /dev/urandom | base64 | tr -d '=+/\n' >"$secret_file.tmp"
    mv "$secret_file.tmp" "$secret_file"
  fi
  {
    echo "# Written by scripts/spark-cluster.sh start --secure: secret, readable by its owner only."
    echo "# Submit with scripts/spark-submit --master $master_url --properties-file $secure_properties ..."
    echo "spark.authenticate=true"
    echo "spark.authenticate.secret=$(cat "$secret_file")"
    echo "spark.network.crypto.enabled=true"
    echo "spark.ui.killEnabled=false"
  } >"$secure_properties.tmp"
  mv "$secure_properties.tmp" "$secure_properties"
}

# The daemons of DIR run with its properties file when it was started --secure: a restart keeps the mode.
daemon_properties() {
  if [ "$secure" = 1 ] || [ -f "$secure_properties" ]; then
    echo "--properties-file"; echo "$secure_properties"
  fi
}

start() {
  ensure_spark_runtime
  local -a properties
  if [ "$secure" = 1 ]; then
    if pid="$(master_pid)" && ! tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx -- --properties-file; then
      die "the master of $dir runs without --secure: stop it first (scripts/spark-cluster.sh stop --dir $dir)"
    fi
    [ -f "$secure_properties" ] || write_secure_properties
  fi
  mapfile -t properties < <(daemon_properties)
  mkdir -p "$dir/spark-home"
  ln -sfn "$SPARK_JARS" "$dir/spark-home/jars"
  echo "Spark $SPARK_VERSION (jars resolved by Maven)" >"$dir/spark-home/RELEASE"

  local pid master_started=0 from i to_wait=()
  if pid="$(master_pid)"; then
    local running_port
    running_port="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n '/^--port$/{n;p;}')"
    [ "$running_port" = "$port" ] \
      || die "the master of $dir runs on port $running_port, not $port: stop it first (scripts/spark-cluster.sh stop --dir $dir)"
    info "Spark master is already running (pid $pid, $master_url)"
  else
    port_open "$port" && die "port $port is taken by another process: choose another with --port"
    from="$(daemon_log_end "$dir/master.log")"
    info "starting Spark master $SPARK_VERSION on $master_url (UI http://127.0.0.1:$webui_port, log: $dir/master.log)"
    spawn_daemon "$MASTER_CLASS" "$dir/master.log" "$dir/master.pid" "" \
      --host 127.0.0.1 --port "$port" --webui-port "$webui_port" "${properties[@]}"
    await_log "$dir/master.log" "I have been elected leader" "$from" "the Spark master" "$dir/master.pid" "$MASTER_CLASS"
    master_started=1
  fi

  # Workers of a master that died lost their registration with it: start them afresh.
  [ "$master_started" = 1 ] && stop_workers
  for i in $(seq 1 "$workers"); do
    if pid="$(worker_pid "$i")"; then
      info "worker $i is already running (pid $pid)"
      continue
    fi
    # Each worker has its own work, scratch and temporary folders, as on its own machine: a job that
    # relies on one disk shared by all executors fails here rather than on a real cluster.
    mkdir -p "$dir/worker-$i/work" "$dir/worker-$i/local" "$dir/worker-$i/tmp"
    from="$(daemon_log_end "$dir/worker-$i.log")"
    info "starting worker $i: $cores core(s), $memory (UI http://127.0.0.1:$(( webui_port + i )), log: $dir/worker-$i.log)"
    # SPARK_LOCAL_DIRS is the executors' spark.local.dir; JAVA_TOOL_OPTIONS reaches every JVM the worker
    # starts (executors, drivers in cluster deploy mode), which inherit its environment.
    spawn_daemon "$WORKER_CLASS" "$dir/worker-$i.log" "$dir/worker-$i.pid" \
      "SPARK_WORKER_DIR=$dir/worker-$i/work SPARK_LOCAL_DIRS=$dir/worker-$i/local JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=$dir/worker-$i/tmp" \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$dir/worker-$i/work" \
      --webui-port $(( webui_port + i )) "${properties[@]}" "$master_url"
    to_wait+=("$i:$from")
  done
  local entry
  for entry in "${to_wait[@]}"; do
    i="${entry%%:*}"
    await_log "$dir/worker-$i.log" "Successfully registered with master" "${entry#*:}" "worker $i" "$dir/worker-$i.pid" "$WORKER_CLASS"
  done
  info "Spark cluster is up: $workers worker(s) of $cores core(s) and $memory registered with $master_url"
  [ "${#properties[@]}" = 0 ] || info "authenticated and encrypted: submit with --properties-file $secure_properties"
  echo "$master_url"
}

stop() {
  stop_workers
  if ! daemon_stop "$timeout" "Spark master" "$dir/master.pid" "$(daemon_match "$MASTER_CLASS")"; then
    rm -f "$dir/master.pid"
    info "Spark master is not running (no live master of $dir)"
  fi
}

status() {
  local pid ok=0 i webui
  if pid="$(master_pid)"; then
    webui="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n '/^--webui-port$/{n;p;}')"
    echo "master    running  pid $pid  $(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n '/^--port$/{n;p;}' | sed 's|^|spark://127.0.0.1:|')  UI http://127.0.0.1:$webui"
  else
    echo "master    stopped"; ok=1
  fi
  for i in $(known_workers); do
    if pid="$(worker_pid "$i")"; then
      webui="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n '/^--webui-port$/{n;p;}')"
      echo "worker-$i  running  pid $pid  UI http://127.0.0.1:$webui"
    else
      echo "worker-$i  stopped"; ok=1
    fi
  done
  return "$ok"
}

"$action"
