package org.sfcrime.bench.tuning;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.sfcrime.bench.BenchFailure;

/**
 * The stream job's shipped settings that the study varies, read from config/stream-job.properties
 * when the study starts. Every run passes them as flags, so a stale stream-job.jar (whose built-in
 * copy of the file may be older) cannot change what is measured.
 *
 * @param shufflePartitions    spark.sql.shuffle.partitions of the job ({@code shuffle-partitions})
 * @param maxOffsetsPerTrigger records per micro-batch at most, 0 = no bound ({@code max-offsets-per-trigger})
 * @param minPartitions        Kafka source minPartitions, 0 = one task per Kafka partition ({@code min-partitions})
 * @param trigger              the processing-time trigger interval, Spark syntax ({@code trigger})
 */
record ShippedDefaults(int shufflePartitions, long maxOffsetsPerTrigger, int minPartitions, String trigger) {

    /** The settings file every run is compared against. */
    static final String FILE = "config/stream-job.properties";

    static ShippedDefaults read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new ShippedDefaults(
                    Integer.parseInt(required(properties, "shuffle-partitions", file)),
                    Long.parseLong(required(properties, "max-offsets-per-trigger", file)),
                    Integer.parseInt(required(properties, "min-partitions", file)),
                    required(properties, "trigger", file));
        } catch (NumberFormatException e) {
            throw new BenchFailure(file + ": not a whole number: " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new BenchFailure(file + " has no value for " + key);
        }
        return value.trim();
    }
}
