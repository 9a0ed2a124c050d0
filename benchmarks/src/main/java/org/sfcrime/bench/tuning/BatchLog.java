package org.sfcrime.bench.tuning;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Stats;

/** The batches of one query in the stream job's metrics file (--metrics-file), one JSON line each, as the job's BatchMetrics writes them. */
record BatchLog(List<Batch> batches) {

    static final String KAFKA_QUERY = "counts-kafka";

    /** Duration parts summed per run, in the CSV's column order. */
    static final List<String> DURATION_PARTS = List.of("triggerExecution", "addBatch", "queryPlanning", "getBatch", "latestOffset",
            "walCommit", "commitOffsets");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One batch; durationMs holds Spark's duration parts of the batch, in ms. */
    record Batch(long numInputRows, Map<String, Long> durationMs) {
        long triggerMs() {
            return durationMs.getOrDefault("triggerExecution", 0L);
        }
    }

    /** The query's batches in the file as it is now (a running job appends to it); a missing file is an empty log. */
    static BatchLog read(Path file, String query) {
        List<Batch> batches = new ArrayList<>();
        try {
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                JsonNode node = line.endsWith("}") ? MAPPER.readTree(line) : null; // else a line still being written
                if (node != null && query.equals(node.path("query").asText())) {
                    batches.add(new Batch(node.path("numInputRows").asLong(),
                            MAPPER.convertValue(node.path("durationMs"), new TypeReference<Map<String, Long>>() { })));
                }
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot read the metrics file " + file + ": " + e.getMessage(), e);
        }
        return new BatchLog(batches);
    }

    /** Batches that read at least one record (Spark also reports empty ones, e.g. a no-data batch). */
    private List<Batch> dataBatchList() {
        return batches.stream().filter(batch -> batch.numInputRows() > 0).toList();
    }

    long dataBatches() {
        return dataBatchList().size();
    }

    long inputRows() {
        return batches.stream().mapToLong(Batch::numInputRows).sum();
    }

    long sumMs(String part) {
        return batches.stream().mapToLong(batch -> batch.durationMs().getOrDefault(part, 0L)).sum();
    }

    /** Records per second of batch processing time: all input rows over the sum of triggerExecution. */
    double rowsPerSecond() {
        long ms = sumMs("triggerExecution");
        return ms == 0 ? 0 : inputRows() * 1000.0 / ms;
    }

    double processingSeconds() {
        return sumMs("triggerExecution") / 1000.0;
    }

    /**
     * Records per second of the data batches after the first one (which pays for the JVM's and Spark's warm-up), or NaN
     * when fewer than two batches read data: a one-batch drain has no steady state to show.
     */
    double steadyRowsPerSecond() {
        List<Batch> steady = dataBatchList().stream().skip(1).toList();
        long ms = steady.stream().mapToLong(Batch::triggerMs).sum();
        return ms == 0 ? Double.NaN : steady.stream().mapToLong(Batch::numInputRows).sum() * 1000.0 / ms;
    }

    /** Median triggerExecution of the batches that read data, in ms (0 when none did). */
    double medianBatchMs() {
        List<Batch> data = dataBatchList();
        return data.isEmpty() ? 0 : Stats.median(data, Batch::triggerMs);
    }
}
