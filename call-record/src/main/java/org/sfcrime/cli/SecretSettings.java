package org.sfcrime.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one rule for which client settings are secret and how they are shown: never their value.
 * Secret are the settings Kafka itself declares of type PASSWORD in the producer's, the consumer's
 * and the admin client's ConfigDef (sasl.jaas.config, ssl.keystore.key, every *.password, ...),
 * under any prefix (kafka.KEY for Spark, listener.name.L.KEY), and, for keys Kafka does not
 * declare, any key naming a password, secret, JAAS config or token. The lookups are the same on the
 * kafka-clients of the CLIs and on the older one Spark ships, which the job runs on.
 */
public final class SecretSettings {

    /** What is printed instead of a secret value. */
    public static final String HIDDEN = "[hidden]";

    /** The client settings of type PASSWORD, sorted. */
    public static final Set<String> PASSWORD_KEYS = Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                    AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toCollection(TreeSet::new));

    private static final List<String> SECRET_KEY_PARTS = List.of("password", "secret", "jaas", "token");

    /**
     * The same rule as a regular expression without flags, for tools that take one (Spark's
     * redaction regexes), which search it anywhere in a key.
     */
    public static final String REDACTION_PATTERN = Stream.concat(PASSWORD_KEYS.stream().map(Pattern::quote),
            SECRET_KEY_PARTS.stream()).collect(Collectors.joining("|"));

    private SecretSettings() {
    }

    /** True when the key is a PASSWORD setting of Kafka's (under any prefix) or names a credential, in any case. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return PASSWORD_KEYS.stream().anyMatch(name -> lower.equals(name) || lower.endsWith("." + name))
                || SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
    }

    /** The value as it may be printed: {@link #HIDDEN} for a secret key. */
    public static String printable(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }
}
