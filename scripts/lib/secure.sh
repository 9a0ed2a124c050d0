# The secured cluster of scripts/start.sh --secure: a private CA and the brokers' certificate made
# with the JDK's keytool, one random password per user, a client properties file per user, ACLs.
# Everything secret lives in DIR/secrets (mode 700, files 600) and DIR/client-USER.properties (600);
# nothing here prints a secret. Sourced by start.sh, whose dir, bootstrap, topic, timeout and port
# functions it uses.
# shellcheck shell=bash

# The users created when the storage is formatted; admin is a super user.
SECURE_USERS=(admin producer consumer stream-job dashboard)
# The brokers' certificate names this principal (ssl.principal.mapping.rules), a super user: the
# controller listener authenticates brokers by certificate (mutual TLS).
BROKER_PRINCIPAL=kafka-broker
SCRAM_MECHANISM=SCRAM-SHA-512

secrets_dir() { echo "$dir/secrets"; }
client_file() { echo "$dir/client-$1.properties"; }
# A secret of the folder being filled ($secrets_at) or of DIR/secrets.
secret() { cat "${secrets_at:-$(secrets_dir)}/$1.password"; }

# 24 letters and digits: nothing that needs quoting in a JAAS line or a properties file.
random_password() {
  local password=""
  while [ "${#password}" -lt 24 ]; do
    password+="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  echo "${password:0:24}"
}

# keytool with the store password taken from the environment, never from the command line.
keytool_quiet() {
  local log="${secrets_at:-$(secrets_dir)}/keytool.log"
  STOREPASS="$(secret store)" keytool "$@" -storepass:env STOREPASS >>"$log" 2>&1 \
    || { tail -n 5 "$log" >&2; die "keytool $1 failed (log: $log)"; }
}

# Once per --dir: the CA, the brokers' key and certificate signed by it, the truststore, the users'
# passwords. Made in a temporary folder and renamed, so an interrupted run leaves nothing half made.
ensure_secrets() {
  local final tmp
  final="$(secrets_dir)"
  [ -f "$final/.complete" ] && return 0
  command -v keytool >/dev/null 2>&1 || die "keytool not found on PATH: it comes with the JDK"
  info "making a private CA, the brokers' certificate and passwords for ${SECURE_USERS[*]} in $final (once)"
  tmp="$final.tmp.$$"
  rm -rf "$tmp"
  (umask 077 && mkdir -p "$tmp")
  (
    umask 077
    secrets_at="$tmp"
    random_password >"$tmp/store.password"
    for user in "${SECURE_USERS[@]}"; do random_password >"$tmp/$user.password"; done
    local validity=3650 san="SAN=ip:127.0.0.1,dns:localhost" ca_side
    # The CA's and the broker's steps are independent until the CA signs: each keytool is a JVM, two run at once.
    (
      keytool_quiet -genkeypair -alias ca -dname "CN=sf-crime-streaming local CA" -keyalg RSA -keysize 2048 \
        -validity "$validity" -ext bc:c -keystore "$tmp/ca.p12" -storetype PKCS12
      keytool_quiet -exportcert -rfc -alias ca -keystore "$tmp/ca.p12" -file "$tmp/ca.crt"
    ) &
    ca_side=$!
    keytool_quiet -genkeypair -alias broker -dname "CN=$BROKER_PRINCIPAL" -keyalg RSA -keysize 2048 \
      -validity "$validity" -ext "$san" -keystore "$tmp/broker.p12" -storetype PKCS12
    keytool_quiet -certreq -alias broker -keystore "$tmp/broker.p12" -file "$tmp/broker.csr"
    wait "$ca_side" || exit 1
    keytool_quiet -gencert -rfc -alias ca -keystore "$tmp/ca.p12" -infile "$tmp/broker.csr" -outfile "$tmp/broker.crt" \
      -validity "$validity" -ext "$san" -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth,clientAuth
    keytool_quiet -importcert -noprompt -alias ca -keystore "$tmp/truststore.p12" -storetype PKCS12 -file "$tmp/ca.crt" &
    ca_side=$!
    keytool_quiet -importcert -noprompt -alias ca -keystore "$tmp/broker.p12" -file "$tmp/ca.crt"
    keytool_quiet -importcert -noprompt -alias broker -keystore "$tmp/broker.p12" -file "$tmp/broker.crt"
    wait "$ca_side" || exit 1
    rm -f "$tmp/broker.csr"
    touch "$tmp/.complete"
  ) || { rm -rf "$tmp"; exit 1; }
  mv -T "$tmp" "$final" || die "could not move the secrets into $final"
}

jaas_line() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$(secret "$1")\";"
}

# What node $1's server.properties gets on top of the plaintext settings: a SASL_SSL listener for
# clients and brokers, an SSL controller listener that requires the brokers' certificate, ACLs.
secure_broker_settings() {
  local i="$1" s
  s="$(secrets_dir)"
  cat <<SETTINGS
# --secure: clients and brokers on SASL_SSL (SCRAM), the controllers on TLS with broker certificates.
listeners=SASL_SSL://127.0.0.1:$(client_port "$i"),CONTROLLER://127.0.0.1:$(quorum_port "$i")
advertised.listeners=SASL_SSL://127.0.0.1:$(client_port "$i")
listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=$SCRAM_MECHANISM
sasl.mechanism.inter.broker.protocol=$SCRAM_MECHANISM
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$(jaas_line admin)
listener.name.controller.ssl.client.auth=required
ssl.keystore.type=PKCS12
ssl.keystore.location=$s/broker.p12
ssl.keystore.password=$(secret store)
ssl.truststore.type=PKCS12
ssl.truststore.location=$s/truststore.p12
ssl.truststore.password=$(secret store)
ssl.principal.mapping.rules=RULE:^CN=([^,]+)\$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:$BROKER_PRINCIPAL
SETTINGS
}

# The --add-scram arguments of kafka-storage format: every user with its password.
scram_format_args() {
  local user
  for user in "${SECURE_USERS[@]}"; do
    printf '%s\n' --add-scram "$SCRAM_MECHANISM=[name=$user,password=$(secret "$user")]"
  done
}

# DIR/client-USER.properties: what a client of that user needs, as Kafka's tools and ours take it.
write_client_files() {
  local user file
  for user in "${SECURE_USERS[@]}"; do
    file="$(client_file "$user")"
    (
      umask 077
      cat >"$file.tmp" <<CLIENT
# Kafka client settings of user $user on the secured cluster of $dir (scripts/start.sh --secure).
# Secret: readable by its owner only. Pass it as --producer-config, --consumer-config, the job's
# --kafka-config, or --command-config of Kafka's tools.
bootstrap.servers=$bootstrap
security.protocol=SASL_SSL
sasl.mechanism=$SCRAM_MECHANISM
sasl.jaas.config=$(jaas_line "$user")
ssl.truststore.type=PKCS12
ssl.truststore.location=$(secrets_dir)/truststore.p12
ssl.truststore.password=$(secret store)
CLIENT
    )
    mv "$file.tmp" "$file"
  done
}

# The ACLs, added again at every start (adding an existing ACL changes nothing): producer writes the
# calls topic; consumer reads it; stream-job reads it and writes, describes and creates the topics
# named TOPIC.* (its counts topic and any later output), which a prefixed ACL covers in one.
add_acls() {
  local admin pids=() k
  admin="$(client_file admin)"
  acl() {
    kafka_command org.apache.kafka.tools.AclCommand --bootstrap-server "$bootstrap" --command-config "$admin" --add "$@"
    timeout "$timeout" "${KAFKA_CMD[@]}" >>"$dir/acls.log" 2>&1
  }
  acl --allow-principal User:producer --operation Write --operation Describe --topic "$topic" &
  pids+=($!)
  acl --allow-principal User:producer --operation IdempotentWrite --cluster &
  pids+=($!)
  acl --allow-principal User:consumer --allow-principal User:stream-job --operation Read --operation Describe \
    --topic "$topic" --group '*' &
  pids+=($!)
  acl --allow-principal User:stream-job --operation Write --operation Describe --operation Create \
    --resource-pattern-type prefixed --topic "$topic." &
  pids+=($!)
  # dashboard reads the job's three output topics, and nothing else, as group sf-crime-dashboard
  acl --allow-principal User:dashboard --operation Read --operation Describe \
    --topic "$topic.counts" --topic "$topic.enriched" --topic "$topic.progress" --group sf-crime-dashboard &
  pids+=($!)
  for k in "${!pids[@]}"; do
    wait "${pids[$k]}" || die "adding ACLs on $bootstrap failed (log: $dir/acls.log)"
  done
  info "ACLs: producer writes $topic; consumer reads it; stream-job reads it and writes $topic.*; dashboard reads $topic.{counts,enriched,progress} (log: $dir/acls.log)"
}
