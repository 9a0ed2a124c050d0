package org.sfcrime.bench.tuning;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.sfcrime.bench.BenchFailure;

/**
 * The stream job's shipped settings that the study varies, read from config/stream-job.properties
 * when the study starts. Every run passes them as flags, so a stale stream-job.jar (whose built-in
 * copy of the file may be older) cannot change what is measured.
 *
 * @param maxOffsetsPerTrigger records per micro-batch at most, 0 = no bound
 * @param minPartitions        Kafka source minPartitions, 0 = one task per Kafka partition
 * @param trigger              the processing-time trigger interval, Spark syntax
 */
record ShippedDefaults(int shufflePartitions, long maxOffsetsPerTrigger, int minPartitions, String trigger) {

    static final String FILE = "config/stream-job.properties";

    static ShippedDefaults read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return new ShippedDefaults(Integer.parseInt(properties.getProperty("shuffle-partitions", "").trim()),
                    Long.parseLong(properties.getProperty("max-offsets-per-trigger", "").trim()),
                    Integer.parseInt(properties.getProperty("min-partitions", "").trim()),
                    properties.getProperty("trigger", "").trim());
        } catch (IOException | NumberFormatException e) {
            throw new BenchFailure("cannot read shuffle-partitions, max-offsets-per-trigger, min-partitions and trigger from "
                    + file + ": " + e.getMessage(), e);
        }
    }
}
