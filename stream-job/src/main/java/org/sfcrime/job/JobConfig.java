package org.sfcrime.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The validated settings of one run of the job.
 *
 * @param maxOffsetsPerTrigger records per micro-batch at most; 0 = no bound
 * @param minPartitions        Spark tasks reading Kafka per batch at least; 0 = one per Kafka partition
 * @param trigger              processing-time trigger interval; ignored when {@code bounded}
 * @param bounded              drain what the topic holds now, then stop (Trigger.AvailableNow)
 * @param uiPort               Spark UI port; 0 = no UI
 * @param checkpoint           checkpoint root (one folder per sink); null = a temporary folder
 * @param outputDir            folder of the files sink
 * @param rejectsDir           folder receiving rejected messages as JSON lines; null = not written
 * @param metricsFile          file receiving one JSON line per batch; null = not written
 * @param kafkaOptions         options for the Kafka source and sink, keys with their "kafka." prefix
 */
public record JobConfig(
        String bootstrapServers,
        String topic,
        String startingOffsets,
        long maxOffsetsPerTrigger,
        int minPartitions,
        Path radioCodes,
        Duration window,
        Duration slide,
        Duration watermark,
        Duration trigger,
        boolean bounded,
        int shufflePartitions,
        int uiPort,
        Set<Sink> sinks,
        int consoleRows,
        String outputTopic,
        Path checkpoint,
        Path outputDir,
        OutputFormat outputFormat,
        Path rejectsDir,
        Path metricsFile,
        Map<String, String> kafkaOptions) {

    /** File format of the files sink. */
    public enum OutputFormat { JSON, PARQUET }

    public JobConfig {
        sinks = Set.copyOf(sinks);
        kafkaOptions = Map.copyOf(kafkaOptions);
    }
}
