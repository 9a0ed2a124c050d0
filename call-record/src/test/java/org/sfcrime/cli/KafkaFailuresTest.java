package org.sfcrime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** The one-line explanations of a client's security failures; the real broker's are in SecureClusterIT. */
class KafkaFailuresTest {

    private static final String SERVERS = "127.0.0.1:19092";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"producer\" password=\"s3cret\";";
    private static final KafkaFailures SCRAM = new KafkaFailures(new ClientSettings(Map.of("bootstrap.servers", SERVERS,
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS),
            "--producer-config"));

    @Test
    void theUserIsTheJaasLinesUsernameOrAnonymousWithoutOne() {
        assertEquals("producer", SCRAM.user());
        assertEquals("ANONYMOUS", new KafkaFailures(new ClientSettings(Map.of("bootstrap.servers", SERVERS))).user());
    }

    @Test
    void aRefusedPasswordNamesUserServerAndMechanismButNotThePassword() {
        Exception refused = new KafkaException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));

        assertEquals(Optional.of("authentication failed for user producer at " + SERVERS + " (SASL/SCRAM-SHA-512)"),
                SCRAM.explain(refused, "write", "calls"));
    }

    @Test
    void aMissingAclNamesUserOperationAndTopic() {
        assertEquals(Optional.of("user producer is not authorized to read topic calls"),
                SCRAM.explain(new TopicAuthorizationException(Set.of("calls")), "read", "calls"));
        assertEquals(Optional.of("user producer is not authorized to write topic calls"),
                SCRAM.explain(new ClusterAuthorizationException("Cluster authorization failed."), "write", "calls"));
        assertEquals(Optional.of("user producer is not authorized to read group g1"),
                SCRAM.explain(new GroupAuthorizationException("Not authorized to access group: g1", "g1"), "read", "calls"));
    }

    @Test
    void anUntrustedCertificateNamesTheCauseAndTheFix() {
        Exception untrusted = new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path to requested target"));

        assertEquals(Optional.of("the certificate of the broker at " + SERVERS + " is not trusted (no path to a trusted CA):"
                + " set ssl.truststore.location and ssl.truststore.password in --producer-config FILE to a truststore"
                + " holding the broker's CA (scripts/start.sh --secure: DIR/secrets/truststore.p12)"),
                SCRAM.explain(untrusted, "write", "calls"));
    }

    @Test
    void otherFailuresAreNotSecurityFailures() {
        assertEquals(Optional.empty(), SCRAM.explain(new NetworkException("gone"), "write", "calls"));
        assertEquals("Kafka did not answer: gone", SCRAM.failure(new NetworkException("gone"), "write", "calls",
                "Kafka did not answer: ").getMessage());
    }

    @Test
    void aPlaintextClientAtAnOpenPortIsToldTheBrokerMayExpectTls() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            KafkaFailures plaintext = new KafkaFailures(new ClientSettings(Map.of("bootstrap.servers", address),
                    "--consumer-config"));

            assertEquals(Optional.of("the broker at " + address + " did not answer a PLAINTEXT client; it may expect"
                    + " TLS/SASL: pass --consumer-config FILE with security.protocol=SASL_SSL (scripts/start.sh --secure"
                    + " writes one per user)"), plaintext.silentTlsListener());
            assertEquals(Optional.empty(), SCRAM.silentTlsListener(), "a TLS client is not told to use TLS");
        }
    }

    @Test
    void aClosedPortIsNotATlsListener() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        assertEquals(Optional.empty(),
                new KafkaFailures(new ClientSettings(Map.of("bootstrap.servers", "127.0.0.1:" + port))).silentTlsListener());
    }
}
