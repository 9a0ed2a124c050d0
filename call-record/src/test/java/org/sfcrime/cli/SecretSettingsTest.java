package org.sfcrime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Secrets by Kafka's own type, not by a word list; and usage errors that never echo one. */
class SecretSettingsTest {

    @Test
    void everyPasswordSettingOfTheProducerConsumerAndAdminIsSecretAndOnlyThoseOfKafkasOwn() {
        int passwords = 0;
        for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    passwords++;
                    assertTrue(SecretSettings.isSecret(key.name), key.name);
                    assertTrue(SecretSettings.isSecret("kafka." + key.name), key.name);
                    assertTrue(SecretSettings.isSecret("listener.name.sasl_ssl." + key.name), key.name);
                    assertEquals(SecretSettings.HIDDEN, SecretSettings.printable(key.name, "value"));
                }
            }
        }
        assertTrue(passwords >= 3 * 5, "PASSWORD settings found: " + passwords);
        assertTrue(SecretSettings.PASSWORD_KEYS.containsAll(List.of("sasl.jaas.config", "ssl.keystore.key",
                "ssl.keystore.password", "ssl.key.password", "ssl.truststore.password", "ssl.keystore.certificate.chain")),
                SecretSettings.PASSWORD_KEYS.toString());
        assertFalse(SecretSettings.isSecret("bootstrap.servers"));
        assertFalse(SecretSettings.isSecret("ssl.keystore.location"));
    }

    @Test
    void theRedactionPatternMatchesEveryPasswordSettingAsSparkUsesIt() {
        Pattern redaction = Pattern.compile("(?i)" + SecretSettings.REDACTION_PATTERN);
        for (String key : SecretSettings.PASSWORD_KEYS) {
            assertTrue(redaction.matcher("kafka." + key).find(), key);
        }
        assertTrue(redaction.matcher("spark.authenticate.secret").find());
        assertFalse(redaction.matcher("kafka.bootstrap.servers").find());
    }

    @Command(name = "tool")
    static final class Tool implements Runnable {
        @Option(names = "--consumer-property")
        List<String> properties;

        @Override
        public void run() {
        }
    }

    @Test
    void aMisspeltOptionBeforeASecretSettingDoesNotEchoIt() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = UsageErrorHandler.install(new CommandLine(new Tool()));
        commandLine.setErr(new PrintWriter(err));
        String jaas = "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"u\" password=\"s3cret\";";

        int exit = commandLine.execute("--consumer-propery", jaas, "--consumer-property=ssl.keystore.key=PRIVATE");

        assertEquals(2, exit);
        assertFalse(err.toString().contains("s3cret"), err.toString());
        assertFalse(err.toString().contains("PRIVATE"), err.toString());
        assertTrue(err.toString().startsWith("error: "), err.toString());
        assertTrue(err.toString().contains("sasl.jaas.config=[hidden]"), err.toString());
    }
}
