# The secured cluster of scripts/start.sh --secure: a private CA and the brokers' certificate made
# with the JDK's keytool, one random password per user and per key store, a client properties file
# per user, the job's output topics and least-privilege ACLs. Everything secret lives in DIR/secrets
# (mode 700, files 600) and DIR/client-USER.properties (600); no secret is ever an argument of a
# command (other local users can read every process's command line) and nothing here prints one.
# Each function takes what it works on as arguments; the caller runs under umask 077.
# shellcheck shell=bash

# The users created when the storage is formatted; admin is a super user.
SECURE_USERS=(admin producer consumer stream-job dashboard)
# The brokers' certificate names this principal (ssl.principal.mapping.rules), a super user: the
# controller listener authenticates brokers by certificate (mutual TLS).
BROKER_PRINCIPAL=kafka-broker
SCRAM_MECHANISM=SCRAM-SHA-512
# The consumer CLI reads without a group unless given --group; groups it may use start with this.
CONSUMER_GROUP_PREFIX=sf-crime-consumer
# Spark's Kafka source names its consumer groups spark-kafka-source-UUID-... (KafkaSourceProvider).
SPARK_GROUP_PREFIX=spark-kafka-source-
DASHBOARD_GROUP=sf-crime-dashboard

secrets_dir() { echo "$1/secrets"; }
client_file() { echo "$1/client-$2.properties"; }
# The secret named $2 (a user, or ca, broker, truststore for the key stores) of secrets folder $1.
secret() { cat "$1/$2.password"; }

# The job's output topics of calls topic $1, in the order counts, enriched, progress.
output_topics() { printf '%s\n' "$1.counts" "$1.enriched" "$1.progress"; }

# 24 letters and digits: nothing that needs quoting in a JAAS line or a properties file.
random_password() {
  local password=""
  while [ "${#password}" -lt 24 ]; do
    password+="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  echo "${password:0:24}"
}

# keytool in secrets folder $1 on the key store whose password is secret $2; the passwords go
# through the environment (-storepass:env), which only the owner can read, never the command line.
# Further secrets for -srcstorepass etc. are not needed: each store has one password.
keytool_quiet() {
  local secrets="$1" store="$2"; shift 2
  STOREPASS="$(secret "$secrets" "$store")" keytool "$@" -storepass:env STOREPASS >>"$secrets/keytool.log" 2>&1 \
    || { tail -n 5 "$secrets/keytool.log" >&2; die "keytool $1 failed (log: $secrets/keytool.log)"; }
}

# Once per DIR ($1): the CA, the brokers' key and certificate signed by it, the truststore, the
# passwords. Three key stores, three passwords: ca.p12 (the CA's key, used only here), broker.p12
# (the brokers' key, in server.properties only) and truststore.p12 (the CA's certificate alone, no
# private key: what clients get). Made in a temporary folder and renamed, so an interrupted run
# leaves nothing half made.
ensure_secrets() {
  local final tmp
  final="$(secrets_dir "$1")"
  [ -f "$final/.complete" ] && return 0
  command -v keytool >/dev/null 2>&1 || die "keytool not found on PATH: it comes with the JDK"
  info "making a private CA, the brokers' certificate and passwords for ${SECURE_USERS[*]} in $final (once)"
  tmp="$final.tmp.$$"
  rm -rf "$tmp"
  (umask 077 && mkdir -p "$tmp")
  (
    umask 077
    local name validity=3650 san="SAN=ip:127.0.0.1,dns:localhost" ca_side
    for name in ca broker truststore "${SECURE_USERS[@]}"; do random_password >"$tmp/$name.password"; done
    # The CA's and the broker's steps are independent until the CA signs: each keytool is a JVM, two run at once.
    (
      keytool_quiet "$tmp" ca -genkeypair -alias ca -dname "CN=sf-crime-streaming local CA" -keyalg RSA -keysize 2048 \
        -validity "$validity" -ext bc:c -keystore "$tmp/ca.p12" -storetype PKCS12
      keytool_quiet "$tmp" ca -exportcert -rfc -alias ca -keystore "$tmp/ca.p12" -file "$tmp/ca.crt"
    ) &
    ca_side=$!
    keytool_quiet "$tmp" broker -genkeypair -alias broker -dname "CN=$BROKER_PRINCIPAL" -keyalg RSA -keysize 2048 \
      -validity "$validity" -ext "$san" -keystore "$tmp/broker.p12" -storetype PKCS12
    keytool_quiet "$tmp" broker -certreq -alias broker -keystore "$tmp/broker.p12" -file "$tmp/broker.csr"
    wait "$ca_side" || exit 1
    keytool_quiet "$tmp" ca -gencert -rfc -alias ca -keystore "$tmp/ca.p12" -infile "$tmp/broker.csr" -outfile "$tmp/broker.crt" \
      -validity "$validity" -ext "$san" -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth,clientAuth
    keytool_quiet "$tmp" truststore -importcert -noprompt -alias ca -keystore "$tmp/truststore.p12" -storetype PKCS12 \
      -file "$tmp/ca.crt" &
    ca_side=$!
    keytool_quiet "$tmp" broker -importcert -noprompt -alias ca -keystore "$tmp/broker.p12" -file "$tmp/ca.crt"
    keytool_quiet "$tmp" broker -importcert -noprompt -alias broker -keystore "$tmp/broker.p12" -file "$tmp/broker.crt"
    wait "$ca_side" || exit 1
    rm -f "$tmp/broker.csr"
    touch "$tmp/.complete"
  ) || { rm -rf "$tmp"; exit 1; }
  mv -T "$tmp" "$final" || die "could not move the secrets into $final"
}

# The SCRAM JAAS line of user $2, from secrets folder $1.
jaas_line() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$2\" password=\"$(secret "$1" "$2")\";"
}

# What a node's server.properties gets on top of the plaintext settings, for DIR $1 and the node's
# client port $2 and controller port $3: a SASL_SSL listener for clients and brokers, an SSL
# controller listener that requires the brokers' certificate, ACLs.
secure_broker_settings() {
  local s
  s="$(secrets_dir "$1")"
  cat <<SETTINGS
# --secure: clients and brokers on SASL_SSL (SCRAM), the controllers on TLS with broker certificates.
listeners=SASL_SSL://127.0.0.1:$2,CONTROLLER://127.0.0.1:$3
advertised.listeners=SASL_SSL://127.0.0.1:$2
listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=$SCRAM_MECHANISM
sasl.mechanism.inter.broker.protocol=$SCRAM_MECHANISM
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$(jaas_line "$s" admin)
listener.name.controller.ssl.client.auth=required
ssl.keystore.type=PKCS12
ssl.keystore.location=$s/broker.p12
ssl.keystore.password=$(secret "$s" broker)
ssl.truststore.type=PKCS12
ssl.truststore.location=$s/truststore.p12
ssl.truststore.password=$(secret "$s" truststore)
ssl.principal.mapping.rules=RULE:^CN=([^,]+)\$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:$BROKER_PRINCIPAL
SETTINGS
}

# Writes into file $2 (owner-only, made under umask 077) a java @argfile that starts the storage
# tool's format with an --add-scram argument for every user of DIR $1: the passwords reach the tool
# from that file, not from its command line. java expands an @argfile only up to the main class,
# so the file names the class; the arguments after it on the command line follow its contents.
scram_argfile() {
  local s user
  s="$(secrets_dir "$1")"
  for user in kafka.tools.StorageTool format "${SECURE_USERS[@]}"; do
    case "$user" in kafka.tools.StorageTool|format) printf '%s\n' "$user"; continue ;; esac
    printf '%s\n' --add-scram "\"$SCRAM_MECHANISM=[name=$user,password=$(secret "$s" "$user")]\""
  done >"$2"
}

# DIR/client-USER.properties for DIR $1 and bootstrap list $2: what a client of that user needs, as
# Kafka's tools and ours take it. The truststore holds the CA's certificate only; its password is
# not the CA key store's.
write_client_files() {
  local dir="$1" bootstrap="$2" user file s
  s="$(secrets_dir "$dir")"
  for user in "${SECURE_USERS[@]}"; do
    file="$(client_file "$dir" "$user")"
    cat >"$file.tmp" <<CLIENT
# Kafka client settings of user $user on the secured cluster of $dir (scripts/start.sh --secure).
# Secret: readable by its owner only. Pass it as --producer-config, --consumer-config, the job's
# --kafka-config, or --command-config of Kafka's tools.
bootstrap.servers=$bootstrap
security.protocol=SASL_SSL
sasl.mechanism=$SCRAM_MECHANISM
sasl.jaas.config=$(jaas_line "$s" "$user")
ssl.truststore.type=PKCS12
ssl.truststore.location=$s/truststore.p12
ssl.truststore.password=$(secret "$s" truststore)
CLIENT
    mv "$file.tmp" "$file"
  done
}

# The admin's work at every start of DIR $1 with bootstrap list $2 ($2 is in the admin's client file;
# named for messages), within $6 seconds, in one JVM (scripts/lib/SecureSetup.java): the calls topic
# $3 and the job's output topics (see output_topics), created when missing with $4 partitions and $5
# replicas, the counts topic compacted (a changelog); and the ACLs, each literal or a named prefix:
#   producer    writes the calls topic;
#   consumer    reads it, in no group or a group named sf-crime-consumer*;
#   stream-job  reads it in Spark's groups (spark-kafka-source-*) and writes its output topics;
#   dashboard   reads the output topics in group sf-crime-dashboard.
# The job may create no topic; no user has a cluster ACL: an idempotent producer needs only Write
# on a topic since Kafka 3.0 (KIP-679), so IdempotentWrite is not granted. Adding an ACL that
# exists changes nothing; ACLs of earlier versions are not removed.
secure_setup() {
  local dir="$1" bootstrap="$2" topic="$3" partitions="$4" replicas="$5" timeout="$6" out
  local -a outputs=() steps=()
  mapfile -t outputs < <(output_topics "$topic")
  steps+=(topic "$topic" "$partitions" "$replicas" -)
  steps+=(topic "${outputs[0]}" "$partitions" "$replicas" cleanup.policy=compact)
  for out in "${outputs[@]:1}"; do steps+=(topic "$out" "$partitions" "$replicas" -); done
  grant() { steps+=(acl "User:$1" "$2" "$3" "$4" "$5"); }
  grant producer WRITE TOPIC LITERAL "$topic"
  grant producer DESCRIBE TOPIC LITERAL "$topic"
  for user in consumer stream-job; do
    grant "$user" READ TOPIC LITERAL "$topic"
    grant "$user" DESCRIBE TOPIC LITERAL "$topic"
  done
  grant consumer READ GROUP PREFIXED "$CONSUMER_GROUP_PREFIX"
  grant stream-job READ GROUP PREFIXED "$SPARK_GROUP_PREFIX"
  for out in "${outputs[@]}"; do
    grant stream-job WRITE TOPIC LITERAL "$out"
    grant stream-job DESCRIBE TOPIC LITERAL "$out"
    grant dashboard READ TOPIC LITERAL "$out"
    grant dashboard DESCRIBE TOPIC LITERAL "$out"
  done
  grant dashboard READ GROUP LITERAL "$DASHBOARD_GROUP"
  kafka_command "$ROOT/scripts/lib/SecureSetup.java" "$(client_file "$dir" admin)" "$timeout" "${steps[@]}"
  timeout "$(( timeout + 30 ))" "${KAFKA_CMD[@]}" >>"$dir/admin.log" 2>&1 \
    || { tail -n 5 "$dir/admin.log" >&2; die "creating the topics and ACLs on $bootstrap failed (log: $dir/admin.log)"; }
  info "topics $topic, ${outputs[*]}; ACLs: producer writes $topic; consumer reads it (groups $CONSUMER_GROUP_PREFIX*);" \
    "stream-job reads it (groups $SPARK_GROUP_PREFIX*) and writes the output topics; dashboard reads those" \
    "(group $DASHBOARD_GROUP) (log: $dir/admin.log)"
}
