package org.sfcrime.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The Kafka client settings of one run, layered once, later wins: the component's built-in
 * {@code kafka.*} settings ({@link OptionDefaults#clientSettings()}) &lt; a client properties file
 * ({@code --producer-config}, {@code --consumer-config}) &lt; single properties given on the
 * command line &lt; {@code --bootstrap-server}. Values of secret keys are never shown
 * ({@link SecretSettings}).
 *
 * @param values     every setting, by key (sorted, unmodifiable)
 * @param fileOption the option that takes the component's client file ({@code --producer-config}), named in
 *                   the fixes that {@link KafkaFailures} suggests; null when unknown
 */
public record ClientSettings(Map<String, String> values, String fileOption) {

    public ClientSettings {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public ClientSettings(Map<String, String> values) {
        this(values, null);
    }

    /**
     * @param builtIn         the component's built-in client settings
     * @param file            a client properties file, or null
     * @param fileOption      the option that named the file, for error messages
     * @param properties      single settings from the command line, in their order
     * @param bootstrapServer the --bootstrap-server flag, or null
     * @throws CommandFailure when the file cannot be read, holds a setting no Kafka client knows (exit 2),
     *                        names a trust or key store that is not a readable file or not opened by its
     *                        password, holds a JAAS line that does not parse or names no user, or no
     *                        bootstrap server is set
     */
    public static ClientSettings layered(Map<String, String> builtIn, Path file, String fileOption,
                                         Map<String, String> properties, String bootstrapServer) {
        Map<String, String> values = new HashMap<>(builtIn);
        Map<String, String> fromFile = Map.of();
        if (file != null) {
            try {
                fromFile = PropertiesFiles.file(file);
                values.putAll(fromFile);
            } catch (NoSuchFileException e) {
                throw new CommandFailure(file + ": no such file (" + fileOption + ")");
            } catch (IOException e) {
                throw new CommandFailure(file + ": cannot read (" + fileOption + "): " + e.getMessage());
            }
        }
        requireKnown(fromFile, file + " (" + fileOption + ")");
        requireKnown(properties, "the command line");
        values.putAll(properties);
        if (bootstrapServer != null) {
            values.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        }
        if (values.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
            throw new CommandFailure("no bootstrap.servers: pass --bootstrap-server HOST:PORT");
        }
        Map<String, String> inFile = fromFile;
        SecuritySettingsCheck.check(values, key -> key + (values.get(key) != null && values.get(key).equals(inFile.get(key))
                ? " in " + file : ""));
        return new ClientSettings(values, fileOption);
    }

    /** Every key Kafka's producer, consumer or admin client declares. */
    private static final Set<String> KNOWN_KEYS = Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(),
            AdminClientConfig.configNames()).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    /**
     * @param where the file and option, or "the command line", for the message
     * @throws CommandFailure (exit 2) naming the first key, in order, that no Kafka client knows: a
     *                        misspelt setting would otherwise be ignored with a warning in Kafka's log
     */
    private static void requireKnown(Map<String, String> settings, String where) {
        new TreeMap<>(settings).keySet().stream().filter(key -> !KNOWN_KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw CommandFailure.usage("unknown Kafka client setting '" + key + "' in " + where);
        });
    }

    public String bootstrapServers() {
        return values.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** The value of {@code key}, or null when it is not set. */
    public String get(String key) {
        return values.get(key);
    }

    /** These settings with {@code key} set to {@code value}. */
    public ClientSettings with(String key, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(key, value);
        return new ClientSettings(changed, fileOption);
    }

    /** These settings without {@code key}. */
    public ClientSettings without(String key) {
        Map<String, String> changed = new HashMap<>(values);
        changed.remove(key);
        return new ClientSettings(changed, fileOption);
    }

    /** Every setting, in the form a producer or consumer constructor takes. */
    public Map<String, Object> forClient() {
        return new HashMap<>(values);
    }

    /** Every setting with {@code prefix} before its key: Spark's Kafka source and sink take them as "kafka.KEY". */
    public Map<String, String> prefixed(String prefix) {
        Map<String, String> prefixed = new TreeMap<>();
        values.forEach((key, value) -> prefixed.put(prefix + key, value));
        return prefixed;
    }

    /**
     * The settings an admin client understands (connection and security), with its timeouts set
     * so that an absent broker is reported within {@code timeout}.
     */
    public Map<String, Object> forAdmin(Duration timeout) {
        Map<String, Object> admin = new HashMap<>();
        values.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return admin;
    }

    public Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /** "key=value" lines, sorted, secret values shown as {@value SecretSettings#HIDDEN}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> lines.add(key + "=" + SecretSettings.printable(key, value)));
        return lines;
    }

    @Override
    public String toString() {
        return String.join(", ", describe());
    }
}
