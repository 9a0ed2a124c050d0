package org.sfcrime.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * The one place where what a Kafka client throws about security becomes one line a user can act
 * on: who was refused what, where, and the fix. The user named is the one of the JAAS line's
 * {@code username}; no secret value is ever part of a message. Shared by the producer, the
 * consumer and the stream job through {@link TopicCheck} and their own run-time failures.
 */
public final class KafkaFailures {

    /** The principal Kafka gives a client that does not authenticate. */
    static final String ANONYMOUS = "ANONYMOUS";
    /** How long the probe of a silent broker's port may take. */
    private static final int PROBE_TIMEOUT_MS = 1000;
    private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private final ClientSettings settings;

    public KafkaFailures(ClientSettings settings) {
        this.settings = settings;
    }

    /** The user the client logs in as: the JAAS line's username, or ANONYMOUS without SASL. */
    public String user() {
        String jaas = settings.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (jaas != null) {
            Matcher username = JAAS_USERNAME.matcher(jaas);
            if (username.find()) {
                return username.group(1);
            }
        }
        return ANONYMOUS;
    }

    /**
     * The line for a security failure (authentication, TLS, authorization) somewhere in
     * {@code error}'s causes, or empty when it is none of those.
     *
     * @param operation what the client was doing on {@code topic}: "write", "read", "describe", "create"
     * @param topic     the topic it was doing it on, named when the exception itself names none; null for none
     */
    public Optional<String> explain(Throwable error, String operation, String topic) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SaslAuthenticationException) {
                return Optional.of("authentication failed for user " + user() + " at " + settings.bootstrapServers()
                        + " (SASL/" + mechanism() + ")");
            }
            if (cause instanceof SslAuthenticationException) {
                return Optional.of(tlsFailure(cause));
            }
            if (cause instanceof GroupAuthorizationException group && group.groupId() != null) {
                return Optional.of(notAuthorized("read", "group " + group.groupId()));
            }
            if (cause instanceof TopicAuthorizationException denied && !denied.unauthorizedTopics().isEmpty()) {
                return Optional.of(notAuthorized(operation, "topic " + String.join(", ", denied.unauthorizedTopics())));
            }
            if (cause instanceof AuthorizationException) {
                // An idempotent producer without the right is refused its producer id, on the cluster:
                // what the user tried is still to write the topic.
                return Optional.of(notAuthorized(operation, topic == null ? "the cluster" : "topic " + topic));
            }
        }
        return Optional.empty();
    }

    /** {@link #explain} as a failure, or {@code fallback} followed by the innermost cause's message. */
    public CommandFailure failure(Throwable error, String operation, String topic, String fallback) {
        return new CommandFailure(explain(error, operation, topic)
                .orElseGet(() -> fallback + CommandFailure.rootMessage(error)));
    }

    /** "user X is not authorized to write topic T". */
    public String notAuthorized(String operation, String resource) {
        return "user " + user() + " is not authorized to " + operation + " " + resource;
    }

    /**
     * After the brokers did not answer in time: the line for a plaintext client knocking at a TLS
     * listener, when the client does not use TLS and a broker's port accepts connections (a TLS
     * listener drops a plaintext request without a word, so the client only sees silence); else empty.
     */
    public Optional<String> silentTlsListener() {
        String protocol = settings.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (protocol != null && protocol.toUpperCase(Locale.ROOT).endsWith("SSL")) {
            return Optional.empty();
        }
        for (String server : settings.bootstrapServers().split(",")) {
            String address = server.strip();
            int colon = address.lastIndexOf(':');
            if (colon > 0 && accepts(address.substring(0, colon), address.substring(colon + 1))) {
                return Optional.of("the broker at " + address + " did not answer a " + (protocol == null ? "PLAINTEXT"
                        : protocol.toUpperCase(Locale.ROOT)) + " client; it may expect TLS/SASL: pass " + fileOption()
                        + " with security.protocol=SASL_SSL (scripts/start.sh --secure writes one per user)");
            }
        }
        return Optional.empty();
    }

    private String tlsFailure(Throwable failure) {
        String detail = CommandFailure.rootMessage(failure);
        String where = "the broker at " + settings.bootstrapServers();
        if (detail.contains("certification path") || detail.contains("PKIX")) {
            return "the certificate of " + where + " is not trusted (no path to a trusted CA): set"
                    + " ssl.truststore.location and ssl.truststore.password in " + fileOption() + " to a"
                    + " truststore holding the broker's CA (scripts/start.sh --secure: DIR/secrets/truststore.p12)";
        }
        if (detail.contains("subject alternative name") || detail.contains("No name matching")) {
            return "the certificate of " + where + " does not name that host (TLS hostname verification): connect"
                    + " to a name or address the certificate holds";
        }
        if (detail.contains("plaintext connection")) {
            return where + " does not speak TLS (protocol mismatch): set security.protocol to what its listener"
                    + " expects (PLAINTEXT for scripts/start.sh without --secure)";
        }
        return "TLS handshake with " + where + " failed: " + detail;
    }

    private String mechanism() {
        String mechanism = settings.get(SaslConfigs.SASL_MECHANISM);
        return mechanism == null ? SaslConfigs.DEFAULT_SASL_MECHANISM : mechanism;
    }

    /** "--producer-config FILE", the option that takes the client file, for the fixes. */
    private String fileOption() {
        return (settings.fileOption() != null ? settings.fileOption() : "a client properties") + " FILE";
    }

    private static boolean accepts(String host, String port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(port)), PROBE_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) { // a port that is not a number included
            return false;
        }
    }
}
