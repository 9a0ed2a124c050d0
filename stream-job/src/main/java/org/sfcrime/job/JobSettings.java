package org.sfcrime.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The job's settings files: the shipped stream-job.properties inside the jar, overlaid with an
 * optional --config file. Each key names a command-line option (without "--"), so the files
 * supply the options' defaults; keys starting with "kafka." go to the Kafka source and sink.
 */
public final class JobSettings implements IDefaultValueProvider {

    static final String BUILT_IN = "stream-job.properties";
    static final String KAFKA_PREFIX = "kafka.";

    private final Properties values;
    /** Where each key was last set: the built-in file or the --config file, for error messages. */
    private final Map<String, String> origins;

    private JobSettings(Properties values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** The built-in settings, then those of {@code file} when it is not null. */
    public static JobSettings load(Path file) throws SettingsException {
        Properties merged = new Properties();
        Map<String, String> origins = new TreeMap<>();
        try (InputStream in = JobSettings.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new SettingsException("the jar lacks its built-in " + BUILT_IN);
            }
            merged.load(in);
            merged.stringPropertyNames().forEach(key -> origins.put(key, "built-in " + BUILT_IN));
        } catch (IOException e) {
            throw new SettingsException("cannot read the built-in " + BUILT_IN + ": " + e.getMessage());
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new SettingsException(file + ": no such settings file");
            }
            Properties overrides = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                overrides.load(reader);
            } catch (IOException e) {
                throw new SettingsException(file + ": cannot read: " + e.getMessage());
            }
            merged.putAll(overrides);
            overrides.stringPropertyNames().forEach(key -> origins.put(key, file.toString()));
        }
        return new JobSettings(merged, origins);
    }

    /** Fails on the first key that is neither an option of the command nor a kafka. pass-through. */
    public void requireKnownKeys(Set<String> optionNames) throws SettingsException {
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            if (!key.startsWith(KAFKA_PREFIX) && !optionNames.contains(key)) {
                throw new SettingsException(origins.get(key) + ": unknown setting '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(optionNames)) + ", and kafka.* for Kafka clients)");
            }
        }
    }

    /** The kafka.-prefixed settings, prefix kept (the form Spark's Kafka source expects). */
    public Map<String, String> kafkaOptions() {
        Map<String, String> options = new TreeMap<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX)) {
                options.put(key, values.getProperty(key));
            }
        }
        return options;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = values.getProperty(option.longestName().replaceFirst("^--", ""));
            return value == null ? null : value.trim();
        }
        return null;
    }

    /** A settings file that cannot be used; the message names the file and the key. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(message, null, false, false);
        }
    }
}
