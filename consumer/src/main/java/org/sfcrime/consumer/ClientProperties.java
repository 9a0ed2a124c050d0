package org.sfcrime.consumer;

import org.sfcrime.cli.PropertiesFiles;
import org.sfcrime.cli.SecretSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Kafka consumer settings of one run, layered once in this order (later wins): the jar's
 * {@code consumer.properties} (a copy of config/consumer.properties) &lt; {@code --consumer-config
 * FILE} &lt; {@code --consumer-property k=v} &lt; the command's own flags.
 *
 * <p>Values of keys that look secret are never shown: see {@link SecretSettings#isSecret(String)}.
 *
 * @param values every setting, by key (sorted, unmodifiable)
 */
public record ClientProperties(Map<String, String> values) {

    /** Classpath resource holding the built-in defaults. */
    static final String DEFAULTS_RESOURCE = "/consumer.properties";

    public ClientProperties {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The shipped defaults from the classpath. */
    static ClientProperties builtInDefaults() {
        try {
            Map<String, String> defaults = PropertiesFiles.resource(ClientProperties.class, DEFAULTS_RESOURCE);
            if (defaults == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the jar (a packaging error)");
            }
            return new ClientProperties(defaults);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE + " from the jar", e);
        }
    }

    /** These settings overlaid by a properties file ({@code --consumer-config}). */
    ClientProperties withFile(Path file) {
        try {
            return withAll(PropertiesFiles.file(file));
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read consumer config " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandFailure("cannot read consumer config " + file + ": " + e.getMessage());
        }
    }

    /** These settings overlaid by {@code overrides} (later layers win). */
    ClientProperties withAll(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new ClientProperties(merged);
    }

    ClientProperties with(String key, String value) {
        return withAll(Map.of(key, value));
    }

    ClientProperties without(String key) {
        Map<String, String> remaining = new TreeMap<>(values);
        remaining.remove(key);
        return new ClientProperties(remaining);
    }

    /** The value of {@code key}, or null when it is not set. */
    String get(String key) {
        return values.get(key);
    }

    Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /** One {@code key=value} line per setting, secret values shown as {@value SecretSettings#HIDDEN}. */
    String describe() {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + SecretSettings.printable(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public String toString() {
        return describe();
    }
}
