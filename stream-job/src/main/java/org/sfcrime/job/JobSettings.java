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

    private JobSettings(Properties values) {
        this.values = values;
    }

    /** The built-in settings, then those of {@code file} when it is not null. */
    public static JobSettings load(Path file) throws SettingsException {
        Properties merged = new Properties();
        try (InputStream in = JobSettings.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new SettingsException("the jar lacks its built-in " + BUILT_IN);
            }
            merged.load(in);
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
        }
        return new JobSettings(merged);
    }

    /** Fails on a key that is neither an option of the command nor a kafka. pass-through. */
    public void requireKnownKeys(Set<String> optionNames, String source) throws SettingsException {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.stringPropertyNames()) {
            if (!key.startsWith(KAFKA_PREFIX) && !optionNames.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new SettingsException(source + ": unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " (known: " + new TreeSet<>(optionNames) + " and kafka.*)");
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
