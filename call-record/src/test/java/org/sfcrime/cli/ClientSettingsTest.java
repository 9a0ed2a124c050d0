package org.sfcrime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {

    @Test
    void layersBuiltInThenFileThenPropertiesThenTheBootstrapFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "max.poll.records=10\nclient.id=from-file\nfetch.min.bytes=7\n");

        ClientSettings layered = ClientSettings.layered(
                Map.of("bootstrap.servers", "localhost:9092", "max.poll.records", "2000", "enable.auto.commit", "false"),
                file, "--consumer-config", Map.of("client.id", "from-property", "fetch.min.bytes", "9"), "flag:1");

        assertEquals(Map.of("bootstrap.servers", "flag:1", "max.poll.records", "10", "enable.auto.commit", "false",
                "client.id", "from-property", "fetch.min.bytes", "9"), layered.values());
    }

    @Test
    void namesTheOptionOfAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.properties");

        CommandFailure failure = org.junit.jupiter.api.Assertions.assertThrows(CommandFailure.class, () ->
                ClientSettings.layered(Map.of(), missing, "--consumer-config", Map.of(), "h:1"));

        assertEquals(missing + ": no such file (--consumer-config)", failure.getMessage());
    }

    @Test
    void hidesValuesOfSecretKeys() {
        ClientSettings settings = new ClientSettings(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";",
                "ssl.truststore.password", "changeit",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                "client.id", "me"));

        assertEquals(List.of("client.id=me", "sasl.jaas.config=[hidden]", "sasl.oauthbearer.token.endpoint.url=[hidden]",
                "ssl.truststore.password=[hidden]"), settings.describe());
    }
}
