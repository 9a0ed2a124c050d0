package org.sfcrime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the layers of a CLI's Kafka client settings: the defaults built into its jar and a
 * properties file given on the command line. Values lose the whitespace around them, which
 * Properties keeps at the end of a line and a Kafka client would take literally.
 */
public final class PropertiesFiles {

    private PropertiesFiles() {
    }

    /** A properties resource on the classpath of {@code owner}, or null when the jar lacks it. */
    public static Map<String, String> resource(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return toMap(properties);
        }
    }

    /** A properties file, read as UTF-8; a missing file is a {@link java.nio.file.NoSuchFileException}. */
    public static Map<String, String> file(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(in);
            return toMap(properties);
        }
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).strip()));
        return map;
    }
}
