package org.sfcrime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one layering of Kafka client settings, and what is never shown of them. */
class ClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void laterLayersWinBuiltInThenFileThenPropertiesThenFlag() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "linger.ms=5\nbatch.size=1000\nbootstrap.servers=file:9092\nclient.id=from-file \n");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("batch.size", "2000");
        properties.put("bootstrap.servers", "property:9092");

        ClientSettings settings = ClientSettings.layered(Map.of("acks", "all", "linger.ms", "20", "batch.size", "1"),
                file, "--producer-config", properties, "flag:9092");

        assertEquals(Map.of("acks", "all", "linger.ms", "5", "batch.size", "2000", "client.id", "from-file",
                "bootstrap.servers", "flag:9092"), settings.values());
    }

    @Test
    void builtInDefaultsConnectToLocalhost() {
        Map<String, String> builtIn = OptionDefaults.load("client-settings-test", null).clientSettings();

        assertEquals("localhost:9092", ClientSettings.layered(builtIn, null, null, Map.of(), null).bootstrapServers());
    }

    @Test
    void missingFileIsOneLineNamingTheOption() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(),
                Path.of("no/such.properties"), "--consumer-config", Map.of(), "b:9092"));

        assertEquals("no/such.properties: no such file (--consumer-config)", failure.getMessage());
    }

    @Test
    void aTruststoreThatDoesNotExistIsOneLineNamingItAndTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Path store = dir.resolve("missing.p12");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=" + store + "\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--producer-config", Map.of(), "b:9092"));

        assertEquals(store + ": no such file (ssl.truststore.location in " + file + ")", failure.getMessage());
    }

    @Test
    void aKeystoreGivenOnTheCommandLineIsCheckedToo() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), null,
                "--consumer-config", Map.of("ssl.keystore.location", "no/such.p12"), "b:9092"));

        assertEquals("no/such.p12: no such file (ssl.keystore.location)", failure.getMessage());
    }

    @Test
    void aFolderGivenAsTheFileIsOneLineNamingIt() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), dir,
                "--consumer-config", Map.of(), "b:9092"));

        assertEquals(dir + ": cannot read (--consumer-config): Is a directory", failure.getMessage());
    }

    @Test
    void noBootstrapServerAnywhereIsOneLine() {
        CommandFailure failure = assertThrows(CommandFailure.class,
                () -> ClientSettings.layered(Map.of(), null, null, Map.of(), null));

        assertEquals("no bootstrap.servers: pass --bootstrap-server HOST:PORT", failure.getMessage());
    }

    @Test
    void secretValuesAreNeverDescribed() {
        ClientSettings settings = new ClientSettings(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p1\";",
                "ssl.keystore.password", "p2",
                "ssl.key.password", "p3",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                "bootstrap.servers", "b:9092"));

        assertEquals(List.of("bootstrap.servers=b:9092", "sasl.jaas.config=[hidden]",
                "sasl.oauthbearer.token.endpoint.url=[hidden]", "ssl.key.password=[hidden]",
                "ssl.keystore.password=[hidden]"), settings.describe());
        assertTrue(SecretSettings.isSecret("SASL.JAAS.CONFIG"));
    }

    @Test
    void adminClientGetsOnlyTheSettingsItUnderstandsAndTheCheckTimeout() {
        ClientSettings settings = new ClientSettings(Map.of("bootstrap.servers", "b:9092", "linger.ms", "20",
                "security.protocol", "SASL_SSL"));

        assertEquals(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SASL_SSL",
                "request.timeout.ms", 2_500, "default.api.timeout.ms", 2_500), settings.forAdmin(Duration.ofMillis(2_500)));
    }

    @Test
    void sparkTakesThemWithThePrefix() {
        assertEquals(Map.of("kafka.bootstrap.servers", "b:9092"),
                new ClientSettings(Map.of("bootstrap.servers", "b:9092")).prefixed("kafka."));
    }

    @Test
    void aSettingKafkaDoesNotKnowIsAUsageErrorNamingTheKeyAndTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.jass.config=secret-value\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--producer-config", Map.of(), "b:9092"));

        assertEquals("unknown Kafka client setting 'sasl.jass.config' in " + file + " (--producer-config)",
                failure.getMessage());
        assertEquals(ExitCodes.USAGE, failure.exitCode());
        CommandFailure onCommandLine = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), null,
                "--producer-config", Map.of("linger.msec", "5"), "b:9092"));
        assertEquals("unknown Kafka client setting 'linger.msec' in the command line", onCommandLine.getMessage());
    }

    @Test
    void aTruststoreThatIsAFolderIsOneLineNamingTheSettingAndTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "ssl.truststore.location=" + dir + "\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--consumer-config", Map.of(), "b:9092"));

        assertEquals(dir + ": is a folder, not a key store (ssl.truststore.location in " + file + ")", failure.getMessage());
    }

    @Test
    void aWrongStorePasswordIsOneLineNamingTheSettingAndTheFileButNotThePassword() throws Exception {
        Path store = dir.resolve("truststore.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            keyStore.store(out, "right-password".toCharArray());
        }
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "ssl.truststore.type=PKCS12\nssl.truststore.location=" + store
                + "\nssl.truststore.password=wrong-password\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--consumer-config", Map.of(), "b:9092"));

        assertEquals(store + ": wrong password (ssl.truststore.password in " + file + ")", failure.getMessage());
        Files.writeString(file, "ssl.truststore.type=PKCS12\nssl.truststore.location=" + store
                + "\nssl.truststore.password=right-password\n");
        assertEquals(store.toString(), ClientSettings.layered(Map.of(), file, "--consumer-config", Map.of(), "b:9092")
                .get("ssl.truststore.location"));
    }

    @Test
    void aJaasLineThatDoesNotParseIsOneLineNamingTheFileWithoutItsPassword() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"u\" password=\"s3cret\"\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--consumer-config", Map.of(), "b:9092"));

        assertEquals("the JAAS line does not parse (sasl.jaas.config in " + file + "): expected"
                + " 'LoginModuleClass required key=\"value\" ...;'", failure.getMessage());
    }

    @Test
    void aJaasLineWithoutUsernameIsOneLineNamingTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " password=\"s3cret\";\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> ClientSettings.layered(Map.of(), file,
                "--consumer-config", Map.of(), "b:9092"));

        assertEquals("the JAAS line names no username (sasl.jaas.config in " + file + ")", failure.getMessage());
    }
}
