package org.sfcrime.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of a command's options, read from properties files, later wins: the shared
 * {@code pipeline.properties}, the component's own {@code COMPONENT.properties} (both copies of
 * the files in config/, built into the jar), then an optional file given with {@code --config}.
 * Each key names an option without its dashes; keys starting with {@value #KAFKA_PREFIX} are Kafka
 * client settings. A key that is neither is an error, so a misspelt setting is never ignored.
 */
public final class OptionDefaults implements IDefaultValueProvider {

    public static final String KAFKA_PREFIX = "kafka.";
    static final String PIPELINE = "pipeline.properties";

    private final Map<String, String> values;
    /** Where each key was last set, for error messages; keys of pipeline.properties are absent. */
    private final Map<String, String> origins;

    private OptionDefaults(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * @param component the name of the component's built-in file, without ".properties"
     * @param file      a further settings file, or null
     * @throws CommandFailure when a file is missing or unreadable
     */
    public static OptionDefaults load(String component, Path file) {
        Map<String, String> values = new TreeMap<>(builtIn(PIPELINE));
        Map<String, String> origins = new TreeMap<>();
        String own = component + ".properties";
        overlay(values, origins, builtIn(own), "built-in " + own);
        if (file != null) {
            try {
                overlay(values, origins, PropertiesFiles.file(file), file.toString());
            } catch (NoSuchFileException e) {
                throw new CommandFailure(file + ": no such settings file (--config)");
            } catch (IOException e) {
                throw new CommandFailure(file + ": cannot read (--config): " + e.getMessage());
            }
        }
        return new OptionDefaults(values, origins);
    }

    /** The defaults a command line was parsed with, for the client settings they also hold. */
    public static OptionDefaults of(CommandSpec spec) {
        if (spec.root().defaultValueProvider() instanceof OptionDefaults defaults) {
            return defaults;
        }
        throw new IllegalStateException(spec.name() + " was not run through CommandLines.execute");
    }

    /**
     * Fails on the first key of the component's files that is neither an option of {@code spec}
     * nor a Kafka client setting. Shared keys may be unused: not every component has a --partitions.
     */
    public void requireKnownKeys(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                names.add(option.longestName().replaceFirst("^--", ""));
            }
        }
        for (Map.Entry<String, String> origin : origins.entrySet()) {
            String key = origin.getKey();
            if (!key.startsWith(KAFKA_PREFIX) && !names.contains(key)) {
                throw new CommandFailure(origin.getValue() + ": unknown setting '" + key + "' (known: "
                        + String.join(", ", names) + ", and kafka.* for Kafka client settings)");
            }
        }
    }

    /** The Kafka client settings of the files, without their prefix: the first layer of {@link ClientSettings}. */
    public Map<String, String> clientSettings() {
        Map<String, String> settings = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                settings.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return settings;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            return values.get(option.longestName().replaceFirst("^--", ""));
        }
        return null;
    }

    private static Map<String, String> builtIn(String name) {
        try {
            Map<String, String> values = PropertiesFiles.resource(OptionDefaults.class, "/" + name);
            if (values == null) {
                throw new CommandFailure("the jar lacks its built-in " + name + " (a broken build?)");
            }
            return values;
        } catch (IOException e) {
            throw new CommandFailure("cannot read the built-in " + name + ": " + e.getMessage());
        }
    }

    private static void overlay(Map<String, String> values, Map<String, String> origins,
                                Map<String, String> layer, String origin) {
        values.putAll(layer);
        layer.keySet().forEach(key -> origins.put(key, origin));
    }
}
