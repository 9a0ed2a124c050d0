package org.sfcrime.producer;

import org.sfcrime.cli.SecretSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence of the client settings and hiding of secrets. */
class ClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void laterLayersWinShippedFileThenConfigFileThenPropertiesThenFlags() throws Exception {
        Path file = CallFixtures.write(dir, "client.properties",
                "linger.ms=5\nbatch.size=1000\nbootstrap.servers=file:9092\nclient.id=from-file\n");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("batch.size", "2000");
        properties.put("bootstrap.servers", "property:9092");

        ClientSettings settings = ClientSettings.resolve(ReplayConfig.builder().producerConfig(file)
                .producerProperties(properties).bootstrapServer("flag:9092").build());

        Map<String, Object> producer = settings.producerConfig();
        assertEquals("all", producer.get("acks"), "shipped default");
        assertEquals("lz4", producer.get("compression.type"), "shipped default");
        assertEquals("5", producer.get("linger.ms"), "--producer-config over the shipped file");
        assertEquals("2000", producer.get("batch.size"), "--producer-property over --producer-config");
        assertEquals("flag:9092", settings.bootstrapServers(), "--bootstrap-server over everything");
    }

    @Test
    void shippedDefaultsConnectToLocalhost() throws Exception {
        assertEquals("localhost:9092", ClientSettings.resolve(ReplayConfig.builder().build()).bootstrapServers());
    }

    @Test
    void secretValuesAreNeverDescribed() {
        ClientSettings settings = ClientSettings.of(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p1\";",
                "ssl.keystore.password", "p2",
                "ssl.key.password", "p3",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                "bootstrap.servers", "b:9092"));

        assertEquals(List.of("bootstrap.servers=b:9092", "sasl.jaas.config=[hidden]",
                "sasl.oauthbearer.token.endpoint.url=[hidden]", "ssl.key.password=[hidden]",
                "ssl.keystore.password=[hidden]"), settings.describe());
    }

    @Test
    void adminClientGetsOnlyTheSettingsItUnderstandsAndTheCheckTimeout() {
        ClientSettings settings = ClientSettings.of(Map.of("bootstrap.servers", "b:9092", "linger.ms", "20",
                "security.protocol", "SASL_SSL"));

        Map<String, Object> admin = settings.adminConfig(2_500);

        assertEquals(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SASL_SSL",
                "request.timeout.ms", 2_500, "default.api.timeout.ms", 2_500), admin);
        assertFalse(admin.containsKey("linger.ms"));
        assertTrue(SecretSettings.isSecret("SASL.JAAS.CONFIG"));
    }
}
