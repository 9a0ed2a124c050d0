package org.sfcrime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * The security settings a client file holds, checked before any client starts, so that a mistake
 * in them is one line naming the setting and the file rather than a client's late, anonymous
 * failure: a key store that is a folder, missing or locked with another password; a JAAS line
 * that does not parse or names no user. Messages never contain a setting's value.
 */
final class SecuritySettingsCheck {

    /** Each store's location, password and type settings. */
    private static final List<List<String>> STORES = List.of(
            List.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
                    SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG),
            List.of(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
                    SslConfigs.SSL_KEYSTORE_TYPE_CONFIG));
    /** The login modules that log in with a username and password. */
    private static final List<String> PASSWORD_MODULES = List.of(
            "org.apache.kafka.common.security.scram.ScramLoginModule",
            "org.apache.kafka.common.security.plain.PlainLoginModule");

    private SecuritySettingsCheck() {
    }

    /**
     * @param values every setting
     * @param where  how to name a setting's origin: "KEY in FILE", or "KEY" for a built-in or command-line one
     * @throws CommandFailure naming the setting and its origin
     */
    static void check(Map<String, String> values, Function<String, String> where) {
        for (List<String> store : STORES) {
            String location = values.get(store.get(0));
            if (location != null && !location.isBlank()) {
                checkStore(Path.of(location), values.get(store.get(1)), values.getOrDefault(store.get(2), "JKS"), store, where);
            }
        }
        String jaas = values.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (jaas != null) {
            checkJaas(jaas, where.apply(SaslConfigs.SASL_JAAS_CONFIG));
        }
    }

    private static void checkStore(Path location, String password, String type, List<String> keys,
                                   Function<String, String> where) {
        if (Files.isDirectory(location)) {
            throw new CommandFailure(location + ": is a folder, not a key store (" + where.apply(keys.get(0)) + ")");
        }
        if (!Files.isReadable(location)) {
            throw new CommandFailure(location + ": no such file (" + where.apply(keys.get(0)) + ")");
        }
        if (password == null || !List.of("JKS", "PKCS12").contains(type.toUpperCase(java.util.Locale.ROOT))) {
            return; // PEM and other types: the client reports them
        }
        try (InputStream in = Files.newInputStream(location)) {
            KeyStore.getInstance(type.toUpperCase(java.util.Locale.ROOT)).load(in, password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new CommandFailure(location + ": wrong password (" + where.apply(keys.get(1)) + ")");
            }
            throw new CommandFailure(location + ": not a " + type + " key store (" + where.apply(keys.get(2)) + "): "
                    + CommandFailure.rootMessage(e));
        } catch (GeneralSecurityException e) {
            throw new CommandFailure(location + ": cannot be read as a " + type + " key store (" + where.apply(keys.get(0))
                    + "): " + CommandFailure.rootMessage(e));
        }
    }

    private static void checkJaas(String jaas, String where) {
        List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)))
                    .configurationEntries();
        } catch (IllegalArgumentException e) {
            // Kafka's message quotes the value, which holds the password: only the reason, without it.
            throw new CommandFailure("the JAAS line does not parse (" + where + "): expected"
                    + " 'LoginModuleClass required key=\"value\" ...;'");
        }
        for (AppConfigurationEntry entry : entries) {
            if (PASSWORD_MODULES.contains(entry.getLoginModuleName()) && !entry.getOptions().containsKey("username")) {
                throw new CommandFailure("the JAAS line names no username (" + where + ")");
            }
        }
    }
}
