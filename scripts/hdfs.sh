#!/usr/bin/env bash
# Runs HDFS on this machine: one NameNode and N DataNodes as separate processes, from the official
# Hadoop jars resolved by Maven (no tarball), bound to 127.0.0.1: storage that every Spark worker
# reaches, for the job's checkpoint and files sink.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/hdfs.sh start|stop|status [options]

  start   starts an HDFS $HADOOP_VERSION NameNode and --datanodes DataNodes on 127.0.0.1 (the official
          jars, fetched through Maven on first use), formats the NameNode once per --dir, waits
          until every DataNode has registered and the NameNode has left safe mode, and prints
          hdfs://127.0.0.1:PORT as the last line of stdout. Safe to run twice: what runs is left
          alone, a NameNode or DataNode that is down is started again.
  stop    stops the DataNodes and the NameNode (SIGTERM, SIGKILL after --timeout); with --node I
          only DataNode I.
  status  one line per process on stdout; exit 0 when the NameNode and every DataNode run.

Options:
  --datanodes N    DataNodes to run (default: 2); files get min(N, 3) replicas
  --port N         NameNode RPC port (default: 9000); DataNode i listens on N+3i-2 (data),
                   N+3i-1 (HTTP) and N+3i (IPC)
  --http-port N    NameNode web UI port (default: 9870)
  --dir DIR        state folder: namenode.pid, namenode.log, namenode/ (metadata, conf/),
                   datanode-i.pid, datanode-i.log, datanode-i/ (blocks, conf/)
                   (default: .runtime/hdfs-run)
  --node I         stop: only DataNode I
  --timeout S      seconds to wait for start-up, registration or a stop (default: 90)
  -h, --help       show this help

The daemons' heaps: HDFS_HEAP (default 256m each). Give the job its storage with, e.g.
  scripts/spark-submit --conf spark.hadoop.dfs.replication=2 ... stream-job/target/stream-job.jar \\
    --checkpoint hdfs://127.0.0.1:9000/sf-crime/checkpoint --output-dir hdfs://127.0.0.1:9000/sf-crime/counts
(a client creates files with its own dfs.replication, Hadoop's default 3). Look at the files with
scripts/hdfs-dfs -ls -R hdfs://127.0.0.1:9000/ (Hadoop's FsShell).
Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
status exits 1 when the NameNode or a DataNode is not running.
USAGE
}

usage_error() { echo "error: $* (see scripts/hdfs.sh --help)" >&2; exit 2; }

action="${1:-}"
case "$action" in
  start|stop|status) shift ;;
  -h|--help) usage; exit 0 ;;
  "") usage_error "start, stop or status is needed" ;;
  *) usage_error "unknown action '$action': start, stop or status" ;;
esac

datanodes=2 port=9000 http_port=9870 dir="$RUNTIME_DIR/hdfs-run" node="" timeout=90
while [ $# -gt 0 ]; do
  case "$1" in
    --datanodes|--port|--http-port|--dir|--node|--timeout)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --datanodes) datanodes="$2" ;; --port) port="$2" ;; --http-port) http_port="$2" ;;
        --dir) dir="$2" ;; --node) node="$2" ;; --timeout) timeout="$2" ;;
      esac
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
for pair in "datanodes:$datanodes" "port:$port" "http-port:$http_port" "timeout:$timeout"; do
  [[ "${pair#*:}" =~ ^[1-9][0-9]{0,5}$ ]] || usage_error "--${pair%%:*} needs a whole number above 0, got '${pair#*:}'"
done
[ $(( port + 3 * datanodes )) -le 65535 ] && [ "$http_port" -le 65535 ] || usage_error "ports must be at most 65535"
[ -z "$node" ] || [ "$action" = stop ] || usage_error "--node is an option of stop"
[ -z "$node" ] || [[ "$node" =~ ^[1-9][0-9]*$ ]] || usage_error "--node needs a DataNode number, 1 or more, got '$node'"
[ -n "$dir" ] || usage_error "--dir needs a value"

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
uri="hdfs://127.0.0.1:$port"
NAMENODE_CLASS=org.apache.hadoop.hdfs.server.namenode.NameNode
DATANODE_CLASS=org.apache.hadoop.hdfs.server.datanode.DataNode
# What each daemon has on its command line: its folder right before its class, so a stale pid file never names another process.
namenode_match() { echo "-Dsf.hdfs.node=$dir/namenode $NAMENODE_CLASS"; }
datanode_match() { echo "-Dsf.hdfs.node=$dir/datanode-$1 $DATANODE_CLASS"; }
namenode_pid() { daemon_pid "$dir/namenode.pid" "$(namenode_match)"; }
datanode_pid() { daemon_pid "$dir/datanode-$1.pid" "$(datanode_match "$1")"; }
# DataNode numbers that have a pid file in this folder, in order.
known_datanodes() {
  local file
  for file in "$dir"/datanode-*.pid; do
    [ -e "$file" ] || continue
    file="${file##*/datanode-}"; echo "${file%.pid}"
  done | sort -n
}

property() { printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$2"; }

# Writes the configuration folder $1 (on the daemon's class path, as HADOOP_CONF_DIR is) with
# core-site.xml, hdfs-site.xml holding the settings given as NAME=VALUE after $1, log4j.properties
# (config/hdfs-log4j.properties: without one the daemons exit without a word), and the empty web-app folders that the NameNode's
# and DataNode's HTTP servers look up on the class path (the Maven jars carry none).
write_conf() {
  local conf="$1" setting
  shift
  mkdir -p "$conf/webapps/hdfs" "$conf/webapps/datanode"
  {
    echo '<?xml version="1.0"?>'
    echo '<configuration>'
    property fs.defaultFS "$uri"
    property hadoop.tmp.dir "$dir/tmp"
    echo '</configuration>'
  } >"$conf/core-site.xml"
  {
    echo '<?xml version="1.0"?>'
    echo '<configuration>'
    property dfs.namenode.rpc-address "127.0.0.1:$port"
    property dfs.namenode.http-address "127.0.0.1:$http_port"
    property dfs.replication "$(( datanodes < 3 ? datanodes : 3 ))"
    # DataNodes register by their 127.0.0.1 address, which has no reverse DNS name to check.
    property dfs.namenode.datanode.registration.ip-hostname-check false
    # Leave safe mode as soon as the blocks are reported, not 30 s later.
    property dfs.namenode.safemode.extension 0
    for setting in "$@"; do property "${setting%%=*}" "${setting#*=}"; done
    echo '</configuration>'
  } >"$conf/hdfs-site.xml"
  cp "$ROOT/config/hdfs-log4j.properties" "$conf/log4j.properties"
}

# The java command line of Hadoop class $2 with configuration folder $1, in HDFS_CMD.
hdfs_command() {
  local conf="$1" class="$2"
  shift 2
  HDFS_CMD=(java -Xms64m -Xmx"${HDFS_HEAP:-256m}" -Dlog4j.configuration="file:$conf/log4j.properties" -Dhadoop.root.logger=INFO,console
    -cp "$conf:$HADOOP_JARS/*" "-Dsf.hdfs.node=$(dirname "$conf")" "$class" "$@")
}

datanode_settings() {
  local i="$1" base=$(( port + 3 * $1 - 2 ))
  echo "dfs.datanode.data.dir=file://$dir/datanode-$i/data"
  echo "dfs.datanode.address=127.0.0.1:$base"
  echo "dfs.datanode.http.address=127.0.0.1:$(( base + 1 ))"
  echo "dfs.datanode.ipc.address=127.0.0.1:$(( base + 2 ))"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits for grep pattern $3 in log $1 from byte $2 of the daemon $4 (pid file $5, match $6); dies otherwise.
await_log() {
  local log="$1" from="$2" pattern="$3" name="$4" pid_file="$5" match="$6" status=0
  daemon_await_log "$log" "$from" "$pattern" "$pid_file" "$match" "$timeout" || status=$?
  if [ "$status" = 1 ]; then
    rm -f "$pid_file"
    die "$name exited during start-up (log: $log)"
  elif [ "$status" = 2 ]; then
    daemon_kill "$pid_file" "$match"
    die "$name did not come up within ${timeout}s and was stopped (log: $log)"
  fi
}

start() {
  ensure_hdfs_runtime
  local pid i from nn_from="" to_wait=() running_port
  if pid="$(namenode_pid)"; then
    running_port="$(sed -n 's:.*<name>dfs.namenode.rpc-address</name><value>127.0.0.1\:\([0-9]*\)<.*:\1:p' \
      "$dir/namenode/conf/hdfs-site.xml")"
    [ "$running_port" = "$port" ] \
      || die "the NameNode of $dir runs on port $running_port, not $port: stop it first (scripts/hdfs.sh stop --dir $dir)"
    info "NameNode is already running (pid $pid, $uri)"
  else
    port_open "$port" && die "port $port is taken by another process: choose another with --port"
    write_conf "$dir/namenode/conf" "dfs.namenode.name.dir=file://$dir/namenode/name"
    if [ ! -f "$dir/namenode/name/current/VERSION" ]; then
      info "formatting the NameNode's storage in $dir/namenode/name (once per --dir)"
      hdfs_command "$dir/namenode/conf" "$NAMENODE_CLASS" -format -nonInteractive
      "${HDFS_CMD[@]}" >>"$dir/namenode-format.log" 2>&1 \
        || { tail -n 20 "$dir/namenode-format.log" >&2; die "formatting the NameNode failed (log: $dir/namenode-format.log)"; }
    fi
    nn_from="$(daemon_log_end "$dir/namenode.log")"
    info "starting HDFS $HADOOP_VERSION NameNode on $uri (UI http://127.0.0.1:$http_port, log: $dir/namenode.log)"
    hdfs_command "$dir/namenode/conf" "$NAMENODE_CLASS"
    daemon_start "$dir/namenode.pid" "$dir/namenode.log" "${HDFS_CMD[@]}"
    await_log "$dir/namenode.log" "$nn_from" "NameNode RPC up at" "the NameNode" "$dir/namenode.pid" "$(namenode_match)"
  fi

  for i in $(seq 1 "$datanodes"); do
    if pid="$(datanode_pid "$i")"; then
      info "DataNode $i is already running (pid $pid)"
      continue
    fi
    mapfile -t settings < <(datanode_settings "$i")
    write_conf "$dir/datanode-$i/conf" "${settings[@]}"
    from="$(daemon_log_end "$dir/datanode-$i.log")"
    info "starting DataNode $i on 127.0.0.1:$(( port + 3 * i - 2 )) (log: $dir/datanode-$i.log)"
    hdfs_command "$dir/datanode-$i/conf" "$DATANODE_CLASS"
    daemon_start "$dir/datanode-$i.pid" "$dir/datanode-$i.log" "${HDFS_CMD[@]}"
    to_wait+=("$i:$from")
  done
  local entry
  for entry in "${to_wait[@]}"; do
    i="${entry%%:*}"
    await_log "$dir/datanode-$i.log" "${entry#*:}" "successfully registered with NN" "DataNode $i" \
      "$dir/datanode-$i.pid" "$(datanode_match "$i")"
  done
  # A NameNode started now holds writes back until the DataNodes have reported their blocks.
  [ -z "$nn_from" ] || await_log "$dir/namenode.log" "$nn_from" "Leaving safe mode\|Safe mode is OFF" "the NameNode" "$dir/namenode.pid" "$(namenode_match)"
  info "HDFS is up: $datanodes DataNode(s) registered with $uri, $(( datanodes < 3 ? datanodes : 3 )) replica(s) per block"
  echo "$uri"
}

stop() {
  local i daemons=()
  if [ -n "$node" ]; then
    [ -e "$dir/datanode-$node.pid" ] || [ -d "$dir/datanode-$node" ] || usage_error "$dir has no DataNode $node"
    daemon_stop "$timeout" "DataNode $node" "$dir/datanode-$node.pid" "$(datanode_match "$node")" \
      || info "DataNode $node is not running"
    return 0
  fi
  for i in $(known_datanodes); do
    daemons+=("DataNode $i" "$dir/datanode-$i.pid" "$(datanode_match "$i")")
  done
  daemons+=("NameNode" "$dir/namenode.pid" "$(namenode_match)")
  daemon_stop "$timeout" "${daemons[@]}" || info "no HDFS daemon of $dir is running"
}

status() {
  local pid ok=0 i
  if pid="$(namenode_pid)"; then
    echo "namenode    running  pid $pid  $(sed -n 's:.*<name>fs.defaultFS</name><value>\([^<]*\)<.*:\1:p' "$dir/namenode/conf/core-site.xml")"
  else
    echo "namenode    stopped"; ok=1
  fi
  for i in $(known_datanodes); do
    if pid="$(datanode_pid "$i")"; then
      echo "datanode-$i  running  pid $pid"
    else
      echo "datanode-$i  stopped"; ok=1
    fi
  done
  return "$ok"
}

"$action"
