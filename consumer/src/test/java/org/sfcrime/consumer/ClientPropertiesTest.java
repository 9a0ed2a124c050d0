package org.sfcrime.consumer;

import org.sfcrime.cli.SecretSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPropertiesTest {

    @Test
    void shipsTheDefaultsOfConfigConsumerProperties() {
        ClientProperties defaults = ClientProperties.builtInDefaults();

        assertEquals("localhost:9092", defaults.get("bootstrap.servers"));
        assertEquals("false", defaults.get("enable.auto.commit"));
        assertEquals("false", defaults.get("allow.auto.create.topics"));
    }

    @Test
    void layersFileThenPropertiesThenFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "max.poll.records=10\nclient.id=from-file\nfetch.min.bytes=7\n");

        ClientProperties layered = ClientProperties.builtInDefaults()
                .withFile(file)
                .withAll(Map.of("client.id", "from-property", "fetch.min.bytes", "9"))
                .with("bootstrap.servers", "flag:1");

        assertEquals("10", layered.get("max.poll.records"));
        assertEquals("from-property", layered.get("client.id"));
        assertEquals("9", layered.get("fetch.min.bytes"));
        assertEquals("flag:1", layered.get("bootstrap.servers"));
    }

    @Test
    void hidesValuesOfSecretKeys() {
        ClientProperties properties = new ClientProperties(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";",
                "ssl.truststore.password", "changeit",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                "client.id", "me"));

        assertEquals("client.id=me" + System.lineSeparator()
                + "sasl.jaas.config=[hidden]" + System.lineSeparator()
                + "sasl.oauthbearer.token.endpoint.url=[hidden]" + System.lineSeparator()
                + "ssl.truststore.password=[hidden]", properties.describe());
        assertTrue(SecretSettings.isSecret("ssl.key.PASSWORD"));
        assertFalse(SecretSettings.isSecret("security.protocol"));
    }
}
