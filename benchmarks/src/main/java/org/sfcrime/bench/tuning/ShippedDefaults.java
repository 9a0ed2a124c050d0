package org.sfcrime.bench.tuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.cli.PropertiesFiles;

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
        try {
            Map<String, String> properties = PropertiesFiles.file(file);
            return new ShippedDefaults(Integer.parseInt(properties.getOrDefault("shuffle-partitions", "")),
                    Long.parseLong(properties.getOrDefault("max-offsets-per-trigger", "")),
                    Integer.parseInt(properties.getOrDefault("min-partitions", "")),
                    properties.getOrDefault("trigger", ""));
        } catch (IOException | NumberFormatException e) {
            throw new BenchFailure("cannot read shuffle-partitions, max-offsets-per-trigger, min-partitions and trigger from "
                    + file + ": " + e.getMessage(), e);
        }
    }
}
