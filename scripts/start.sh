#!/usr/bin/env bash
# Starts Kafka on loopback, one KRaft node or a cluster of N nodes that are each broker and
# controller, and creates the calls topic. Safe to run again: running nodes are left alone, a node
# that is down is started (that is how a crashed node rejoins), and the topic is created only if missing.
set -euo pipefail
# Everything this script and the nodes it starts create is the owner's alone: folders 700, files 600.
umask 077
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/secure.sh"

usage_error() { echo "error: $* (see scripts/start.sh --help)" >&2; exit 2; }

# Defaults shared with the clients: the port of the first bootstrap server, the topic, its partitions.
default_port="$(pipeline_setting kafka.bootstrap.servers)"
default_port="${default_port%%,*}" default_port="${default_port##*:}"
default_topic="$(pipeline_setting topic)" default_partitions="$(pipeline_setting partitions)"

usage() {
  cat <<USAGE
Usage: scripts/start.sh [options]

Starts Apache Kafka $KAFKA_VERSION (the official jars, fetched through Maven on first use) as N KRaft
nodes bound to 127.0.0.1, each both broker and controller, waits until all of them serve
requests, and creates the topic. Node i (1-based) listens for clients on PORT+i-1 and for the
controller quorum on CONTROLLER_PORT+i-1, and keeps its state in DIR/node-i/ (server.properties,
server.log, kafka.pid, data/). Nodes that are down are started again; running ones are left alone.

With 3 or more nodes the cluster is durable: every topic and the internal topics get 3 replicas,
min.insync.replicas=2 (with acks=all a write survives the loss of one node), no unclean leader
election. With 2 nodes: 2 replicas, min.insync.replicas=1.

With --secure, clients connect over SASL_SSL (SCRAM-SHA-512) and there is no plaintext listener:
  - DIR/secrets/ holds a private CA, the brokers' certificate (127.0.0.1, localhost) and the
    truststore (the CA's certificate only), each key store with its own password, made with the
    JDK's keytool once per DIR and kept across restarts;
  - users admin (super user), producer, consumer, stream-job and dashboard get random passwords
    when the storage is formatted; the admin creates the job's output topics TOPIC.counts
    (compacted), TOPIC.enriched and TOPIC.progress; nothing is allowed without an ACL: producer
    writes TOPIC, consumer reads it (no group, or groups sf-crime-consumer*), stream-job reads it
    (groups spark-kafka-source-*) and writes the output topics, dashboard reads those (group
    sf-crime-dashboard);
  - DIR/client-USER.properties is each user's client file, for --producer-config,
    --consumer-config, the job's --kafka-config and --command-config of Kafka's tools;
  - brokers talk to each other over SASL_SSL, and to the controllers over TLS with certificates.
Everything start.sh writes is its owner's only (umask 077: folders 700, files 600), and no secret
is ever on a command line.
A DIR started with --secure must always be started with it, and one started without, without.
No secret is printed; see docs/SECURITY.md.

Options:
  --secure             SASL_SSL with SCRAM users and ACLs, as above (default: plaintext, no users)
  --brokers N          number of nodes (default: 1)
  --port N             client port of node 1 (default: $default_port, from config/pipeline.properties)
  --controller-port N  controller port of node 1 (default: PORT+N, the first port after the client ports)
  --dir DIR            state folder, one node-i/ per node (default: .runtime/kafka-run)
  --topic NAME         topic to create (default: $default_topic)
  --partitions N       partitions of a newly created topic (default: $default_partitions); its
                       replication factor is min(3, N nodes)
  --timeout S          seconds to wait for the nodes (default: 60)
  -h, --help           show this help

Broker settings are in config/server.properties; start.sh appends each node's id, ports, folder,
for N > 1 the replication settings, and with --secure the listeners, TLS, SASL and ACL settings
(DIR/node-i/server.properties is mode 600: with --secure it holds passwords). Stop with scripts/stop.sh [--dir DIR] [--node I].
Prints progress on stderr and, as its last line on stdout, the bootstrap list
(127.0.0.1:P1,127.0.0.1:P2,...).
Exit status: 0 success, 1 failure at run time, 2 usage error, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
Success means every node runs and the topic exists.
USAGE
}

brokers=1 port="$default_port" controller_port="" dir="$RUNTIME_DIR/kafka-run"
topic="$default_topic" partitions="$default_partitions" timeout=60 secure=0
while [ $# -gt 0 ]; do
  case "$1" in
    --brokers|--port|--controller-port|--dir|--topic|--partitions|--timeout)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --brokers) brokers="$2" ;;
        --port) port="$2" ;;
        --controller-port) controller_port="$2" ;;
        --dir) dir="$2" ;;
        --topic) topic="$2" ;;
        --partitions) partitions="$2" ;;
        --timeout) timeout="$2" ;;
      esac
      shift 2 ;;
    --secure) secure=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
is_positive() { [[ "$1" =~ ^[1-9][0-9]{0,5}$ ]]; }
is_positive "$brokers" || usage_error "--brokers needs a whole number of nodes, 1 or more, got '$brokers'"
controller_port="${controller_port:-$(( port + brokers ))}"
for pair in "port:$port" "controller-port:$controller_port" "partitions:$partitions" "timeout:$timeout"; do
  is_positive "${pair#*:}" || usage_error "--${pair%%:*} needs a whole number, 1 or more, got '${pair#*:}'"
done
[ -n "$dir" ] && [ -n "$topic" ] || usage_error "--dir and --topic need a value"
for first in "$port" "$controller_port"; do
  [ $(( first + brokers - 1 )) -le 65535 ] || usage_error "ports $first..$(( first + brokers - 1 )) go past 65535"
done
if [ "$controller_port" -le $(( port + brokers - 1 )) ] && [ "$port" -le $(( controller_port + brokers - 1 )) ]; then
  usage_error "client ports $port..$(( port + brokers - 1 )) and controller ports" \
    "$controller_port..$(( controller_port + brokers - 1 )) overlap"
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
# A folder made under another umask (or by an earlier version) is closed now: node data, logs and
# the cluster metadata (salted SCRAM keys) are for the owner only.
chmod 700 "$dir"
for node in "$dir"/node-*/; do [ ! -d "$node" ] || chmod 700 "$node"; done
node_dir() { echo "$dir/node-$1"; }
client_port() { echo $(( port + $1 - 1 )); }
quorum_port() { echo $(( controller_port + $1 - 1 )); }
bootstrap="" quorum=""
for i in $(seq 1 "$brokers"); do
  bootstrap+="${bootstrap:+,}127.0.0.1:$(client_port "$i")"
  quorum+="${quorum:+,}127.0.0.1:$(quorum_port "$i")"
done
replicas=$(( brokers < 3 ? brokers : 3 ))
min_insync=$(( replicas < 3 ? 1 : 2 ))

# The nodes already formatted must be exactly nodes 1..N: a quorum cannot be resized by a restart.
formatted=0
for meta in "$dir"/node-*/data/meta.properties; do
  [ -f "$meta" ] && formatted=$(( formatted + 1 ))
done
if [ "$formatted" -gt 0 ]; then
  for i in $(seq 1 "$brokers"); do
    [ -f "$(node_dir "$i")/data/meta.properties" ] || formatted=-1
  done
  if [ "$formatted" -ne "$brokers" ]; then
    die "$dir holds a cluster of other nodes ($(cd "$dir" && ls -d node-*/data/meta.properties | cut -d/ -f1 | paste -sd ' '))," \
      "not nodes 1..$brokers: use the same --brokers, or another --dir (or delete $dir to start afresh)"
  fi
  # Users and ACLs are made when the storage is formatted: a cluster keeps the mode it was made in.
  if [ "$secure" = 1 ] && [ ! -f "$(secrets_dir "$dir")/.complete" ]; then
    die "$dir holds a plaintext cluster without users: start it without --secure, or use another --dir"
  elif [ "$secure" = 0 ] && [ -f "$(secrets_dir "$dir")/.complete" ]; then
    die "$dir holds a secured cluster: start it with --secure, or use another --dir"
  fi
fi

# The effective configuration of node $1: the shipped file plus its id, ports, folder and replication.
write_config() {
  local i="$1"
  {
    cat "$ROOT/config/server.properties"
    echo
    echo "# Added by scripts/start.sh: node $i of $brokers"
    echo "node.id=$i"
    if [ "$secure" = 1 ]; then
      secure_broker_settings "$dir" "$(client_port "$i")" "$(quorum_port "$i")"
    else
      echo "listeners=PLAINTEXT://127.0.0.1:$(client_port "$i"),CONTROLLER://127.0.0.1:$(quorum_port "$i")"
      echo "advertised.listeners=PLAINTEXT://127.0.0.1:$(client_port "$i")"
    fi
    echo "controller.quorum.bootstrap.servers=$quorum"
    echo "log.dirs=$(node_dir "$i")/data"
    if [ "$brokers" -gt 1 ]; then
      echo "default.replication.factor=$replicas"
      echo "min.insync.replicas=$min_insync"
      echo "offsets.topic.replication.factor=$replicas"
      echo "transaction.state.log.replication.factor=$replicas"
      echo "transaction.state.log.min.isr=$min_insync"
      echo "share.coordinator.state.topic.replication.factor=$replicas"
      echo "share.coordinator.state.topic.min.isr=$min_insync"
      echo "unclean.leader.election.enable=false"
    fi
  } >"$(node_dir "$i")/server.properties.tmp"   # umask 077: owner only from the start (it holds passwords)
  mv "$(node_dir "$i")/server.properties.tmp" "$(node_dir "$i")/server.properties"
}

# A Kafka Uuid (16 random bytes, base64url without padding) without starting a JVM per id; like
# Kafka's Uuid.randomUuid, never one whose text starts with '-'.
random_uuid() {
  local id
  while id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"; [[ "$id" == -* ]]; do :; done
  echo "$id"
}

# Formats every node once, with one cluster id and one controller quorum of all N nodes.
format_cluster() {
  local cluster_id i controllers="" pids=() format=(kafka.tools.StorageTool format)
  cluster_id="$(random_uuid)"
  if [ "$secure" = 1 ]; then
    # The users' passwords reach the storage tool in a java @argfile (owner-only, deleted when done),
    # not on its command line, which every local user can read.
    scram_argfile "$dir" "$(secrets_dir "$dir")/scram.args"
    format=("@$(secrets_dir "$dir")/scram.args")
  fi
  for i in $(seq 1 "$brokers"); do
    controllers+="${controllers:+,}$i@127.0.0.1:$(quorum_port "$i"):$(random_uuid)"
  done
  info "formatting KRaft storage of $brokers node(s) in $dir (cluster $cluster_id)"
  # The storage tool prints the SCRAM credentials it writes: its output goes to an owner-only log.
  for i in $(seq 1 "$brokers"); do
    (kafka_run "${format[@]}" --cluster-id "$cluster_id" --initial-controllers "$controllers" \
      --config "$(node_dir "$i")/server.properties" >>"$(node_dir "$i")/format.log" 2>&1) &
    pids+=($!)
  done
  local failed=0
  for i in $(seq 1 "$brokers"); do
    wait "${pids[$(( i - 1 ))]}" || failed="$i"
  done
  rm -f "$(secrets_dir "$dir")/scram.args"
  if [ "$failed" != 0 ]; then
    [ "$secure" = 1 ] || tail -n 20 "$(node_dir "$failed")/format.log" >&2
    die "formatting the storage of node $failed failed (log: $(node_dir "$failed")/format.log)"
  fi
}

# Starts every node that is down, all at once: a KRaft quorum needs a majority of its voters up
# before any of them reports started.
heap="${KAFKA_HEAP_OPTS:-}"
[ -n "$heap" ] || heap="$([ "$brokers" -gt 1 ] && echo "-Xms128m -Xmx512m" || echo "-Xms256m -Xmx1g")"
starting=() log_starts=()
for i in $(seq 1 "$brokers"); do
  node="$(node_dir "$i")"
  if pid="$(broker_pid "$node")"; then
    info "node $i is already running (pid $pid, 127.0.0.1:$(client_port "$i"))"
    continue
  fi
  mkdir -p "$node"
  starting+=("$i")
done
if [ "${#starting[@]}" -gt 0 ]; then
  [ "$secure" = 0 ] || ensure_secrets "$dir"
  for i in "${starting[@]}"; do write_config "$i"; done
  ensure_kafka_runtime
  [ "$formatted" -gt 0 ] || format_cluster
  for i in "${starting[@]}"; do
    node="$(node_dir "$i")"
    info "starting node $i of Kafka $KAFKA_VERSION on 127.0.0.1:$(client_port "$i") (log: $node/server.log)"
    # The log is appended to across restarts: only what this start writes can say it is up.
    log_starts+=("$(daemon_log_end "$node/server.log")")
    # The broker outlives this script and the terminal; INFO logs go to its own log file.
    KAFKA_JVM_OPTS="-Dkafka.root.level=INFO ${KAFKA_JVM_OPTS:-}" KAFKA_HEAP_OPTS="$heap" \
      kafka_command kafka.Kafka "$node/server.properties"
    daemon_start "$node/kafka.pid" "$node/server.log" "${KAFKA_CMD[@]}"
  done
  started_at=$(date +%s)
  for k in "${!starting[@]}"; do
    i="${starting[$k]}" node="$(node_dir "${starting[$k]}")"
    # The nodes start together: each waits what is left of the one timeout.
    status=0
    daemon_await_log "$node/server.log" "${log_starts[$k]}" "Kafka Server started" "$node/kafka.pid" \
      "kafka.Kafka $node/server.properties" $(( timeout - ($(date +%s) - started_at) )) || status=$?
    if [ "$status" = 1 ]; then
      rm -f "$node/kafka.pid"
      die "node $i exited during start-up (log: $node/server.log)"
    elif [ "$status" = 2 ]; then
      die "node $i did not start within ${timeout}s (log: $node/server.log); stop the nodes with scripts/stop.sh --dir $dir"
    fi
    info "node $i is up (pid $(cat "$node/kafka.pid")) after $(( $(date +%s) - started_at ))s"
  done
fi

if [ "$secure" = 1 ]; then
  write_client_files "$dir" "$bootstrap"
  secure_setup "$dir" "$bootstrap" "$topic" "$partitions" "$replicas" "$timeout"
else
  kafka_command org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
    --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor "$replicas"
  timeout "$timeout" "${KAFKA_CMD[@]}" >/dev/null \
    || die "could not create topic $topic on $bootstrap within ${timeout}s"
fi
info "topic $topic is ready on $bootstrap ($replicas replica(s) per partition)"
if [ "$secure" = 1 ]; then
  info "SASL_SSL (SCRAM-SHA-512) only; each user's client settings (owner-only files, secrets never printed):"
  for user in "${SECURE_USERS[@]}"; do info "  $user: $(client_file "$dir" "$user")"; done
fi
echo "$bootstrap"
