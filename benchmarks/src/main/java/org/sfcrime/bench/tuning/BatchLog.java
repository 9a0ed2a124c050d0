package org.sfcrime.bench.tuning;

import org.sfcrime.bench.BenchFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sfcrime.bench.Stats;

/**
 * The stream job's metrics file (--metrics-file): one JSON line per micro-batch, as written by
 * the job's BatchMetrics. Only the batches of one query are kept.
 */
final class BatchLog {

    /** The query of the kafka sink, the only sink the study runs. */
    static final String KAFKA_QUERY = "counts-kafka";

    /** Duration parts summed per run, in the CSV's column order. */
    static final List<String> DURATION_PARTS = List.of("triggerExecution", "addBatch", "queryPlanning", "getBatch", "latestOffset",
            "walCommit", "commitOffsets");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One batch.
     *
     * @param durationMs Spark's duration parts of the batch, in ms
     */
    record Batch(long batchId, long numInputRows, Map<String, Long> durationMs) {
        long triggerMs() {
            return durationMs.getOrDefault("triggerExecution", 0L);
        }
    }

    private final List<Batch> batches;

    BatchLog(List<Batch> batches) {
        this.batches = List.copyOf(batches);
    }

    /** Reads the file as it is now (a running job appends to it); a missing file is an empty log. */
    static BatchLog read(Path file, String query) {
        List<Batch> batches = new ArrayList<>();
        if (!Files.exists(file)) {
            return new BatchLog(batches);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || !line.endsWith("}")) {
                    continue; // a line still being written
                }
                JsonNode node = MAPPER.readTree(line);
                if (!query.equals(node.path("query").asText())) {
                    continue;
                }
                Map<String, Long> durations = new LinkedHashMap<>();
                node.path("durationMs").fields().forEachRemaining(field -> durations.put(field.getKey(), field.getValue().asLong()));
                batches.add(new Batch(node.path("batchId").asLong(), node.path("numInputRows").asLong(), durations));
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot read the metrics file " + file + ": " + e.getMessage(), e);
        }
        return new BatchLog(batches);
    }

    List<Batch> batches() {
        return batches;
    }

    /** Batches that read at least one record (Spark also reports empty ones, e.g. a no-data batch). */
    long dataBatches() {
        return batches.stream().filter(batch -> batch.numInputRows() > 0).count();
    }

    long inputRows() {
        return batches.stream().mapToLong(Batch::numInputRows).sum();
    }

    /** Sum of one duration part over all batches, in ms. */
    long sumMs(String part) {
        return batches.stream().mapToLong(batch -> batch.durationMs().getOrDefault(part, 0L)).sum();
    }

    /** Records per second of batch processing time: all input rows over the sum of triggerExecution. */
    double rowsPerSecond() {
        long ms = sumMs("triggerExecution");
        return ms == 0 ? 0 : inputRows() * 1000.0 / ms;
    }

    /** Batch processing time: the sum of triggerExecution over all batches, in seconds. */
    double processingSeconds() {
        return sumMs("triggerExecution") / 1000.0;
    }

    /**
     * Records per second of the data batches after the first one (which pays for the JVM's and
     * Spark's warm-up), or NaN when fewer than two batches read data: a one-batch drain has no
     * steady state to show.
     */
    double steadyRowsPerSecond() {
        List<Batch> data = batches.stream().filter(batch -> batch.numInputRows() > 0).toList();
        if (data.size() < 2) {
            return Double.NaN;
        }
        List<Batch> steady = data.subList(1, data.size());
        long ms = steady.stream().mapToLong(Batch::triggerMs).sum();
        return ms == 0 ? Double.NaN : steady.stream().mapToLong(Batch::numInputRows).sum() * 1000.0 / ms;
    }

    /** Median triggerExecution of the batches that read data, in ms (0 when none did). */
    double medianBatchMs() {
        List<Double> durations = batches.stream().filter(batch -> batch.numInputRows() > 0)
                .map(batch -> (double) batch.triggerMs()).toList();
        return durations.isEmpty() ? 0 : Stats.median(durations);
    }
}
