package org.sfcrime.producer;

import org.sfcrime.cli.PropertiesFiles;
import org.sfcrime.cli.SecretSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka client settings of a run, layered once: the jar's producer.properties (a copy of
 * config/producer.properties) &lt; --producer-config FILE &lt; --producer-property k=v &lt; flags.
 */
final class ClientSettings {

    /** The built-in defaults, on the classpath. */
    static final String DEFAULTS_RESOURCE = "/producer.properties";

    private final Map<String, String> settings;

    private ClientSettings(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    static ClientSettings resolve(ReplayConfig config) throws ReplayFailure {
        Map<String, String> settings = new HashMap<>(loadDefaults());
        if (config.producerConfig() != null) {
            settings.putAll(load(config.producerConfig()));
        }
        settings.putAll(config.producerProperties());
        if (config.bootstrapServer() != null) {
            settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServer());
        }
        if (settings.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
            throw new ReplayFailure("no bootstrap.servers: pass --bootstrap-server HOST:PORT");
        }
        return new ClientSettings(settings);
    }

    static ClientSettings of(Map<String, String> settings) {
        return new ClientSettings(settings);
    }

    String bootstrapServers() {
        return settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** Every setting, for the producer (the serializers are passed as instances and win). */
    Map<String, Object> producerConfig() {
        return new HashMap<>(settings);
    }

    /**
     * The settings an admin client understands (connection and security), with its timeouts set
     * to the check's timeout so that an absent broker is reported in time.
     */
    Map<String, Object> adminConfig(long timeoutMs) {
        Map<String, Object> admin = new HashMap<>();
        settings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMs);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return admin;
    }

    /** "key=value" lines, sorted, secrets shown as [hidden]. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + SecretSettings.printable(key, value)));
        return lines;
    }

    private static Map<String, String> loadDefaults() throws ReplayFailure {
        try {
            Map<String, String> defaults = PropertiesFiles.resource(ClientSettings.class, DEFAULTS_RESOURCE);
            if (defaults == null) {
                throw new ReplayFailure("the jar lacks its default settings " + DEFAULTS_RESOURCE + " (a broken build?)");
            }
            return defaults;
        } catch (IOException e) {
            throw new ReplayFailure("cannot read the default settings " + DEFAULTS_RESOURCE + ": " + e.getMessage());
        }
    }

    private static Map<String, String> load(Path file) throws ReplayFailure {
        try {
            return PropertiesFiles.file(file);
        } catch (NoSuchFileException e) {
            throw new ReplayFailure(file + ": no such file (--producer-config)");
        } catch (IOException e) {
            throw new ReplayFailure(file + ": cannot read (--producer-config): " + e.getMessage());
        }
    }
}
