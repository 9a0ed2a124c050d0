package org.sfcrime.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * What one micro-batch did, taken from Spark's progress report: the figures the console line,
 * the metrics file, the benchmarks and the tuning study use.
 *
 * @param inputRowsPerSecond rows per second that arrived since the previous trigger; NaN when
 *                           Spark had nothing to measure from (a query's first trigger in a run),
 *                           shown as "-" in the line and null in the metrics file
 * @param durationMs         Spark's duration parts (triggerExecution, addBatch, queryPlanning, ...), in ms
 * @param watermark          the event-time watermark after the batch, wall-clock, or "-" before the first
 * @param stateRows          rows held in state by all stateful operators
 * @param droppedLate        rows dropped because they were older than the watermark
 * @param rejected           messages that were not valid calls (never counted in a window)
 * @param endOffsets         per source topic and partition, the offset after the last message the batch read:
 *                           against the topic's end offsets, the query's lag
 * @param latestOffsets      the same, of the newest messages the source knew of when the batch was planned
 */
public record BatchMetrics(String query, long batchId, String timestamp, long numInputRows,
                           @JsonSerialize(using = NanAsNull.class) double inputRowsPerSecond,
                           double processedRowsPerSecond, Map<String, Long> durationMs, String watermark, long stateRows,
                           long droppedLate, long rejected, Map<String, Map<String, Long>> endOffsets,
                           Map<String, Map<String, Long>> latestOffsets) {

    /** Name of the observed metrics that count received and rejected messages per batch. */
    public static final String CALL_METRICS = "calls";

    private static final ObjectMapper OFFSETS = new ObjectMapper();

    public static BatchMetrics of(StreamingQueryProgress progress) {
        long stateRows = 0;
        long droppedLate = 0;
        for (StateOperatorProgress operator : progress.stateOperators()) {
            stateRows += operator.numRowsTotal();
            droppedLate += operator.numRowsDroppedByWatermark();
        }
        Row calls = progress.observedMetrics().get(CALL_METRICS);
        long rejected = calls == null ? 0 : calls.<Long>getAs("rejected");
        // Timestamps are wall-clock values read in UTC, so Spark's trailing Z would be misleading.
        String watermark = progress.eventTime().getOrDefault("watermark", "-").replace("Z", "");
        if (watermark.startsWith("1970-01-01T00:00:00")) {
            watermark = "-"; // Spark starts the watermark at epoch 0: none yet
        }
        return new BatchMetrics(progress.name(), progress.batchId(), progress.timestamp(), progress.numInputRows(),
                inputRate(progress.numInputRows(), progress.inputRowsPerSecond()), finite(progress.processedRowsPerSecond()),
                new LinkedHashMap<>(progress.durationMs()), watermark, stateRows, droppedLate, rejected,
                offsets(progress, SourceProgress::endOffset), offsets(progress, SourceProgress::latestOffset));
    }

    /** Spark gives each source's offsets as JSON, {"topic":{"0":42,...}} for Kafka; other sources' are left out. */
    private static Map<String, Map<String, Long>> offsets(StreamingQueryProgress progress, Function<SourceProgress, String> field) {
        Map<String, Map<String, Long>> offsets = new TreeMap<>();
        for (SourceProgress source : progress.sources()) {
            String json = field.apply(source);
            if (json == null || !json.startsWith("{")) {
                continue;
            }
            try {
                Map<String, Map<String, Long>> topics = OFFSETS.readValue(json, new TypeReference<TreeMap<String, Map<String, Long>>>() { });
                topics.forEach((topic, partitions) -> offsets.computeIfAbsent(topic, t -> new TreeMap<>()).putAll(partitions));
            } catch (IOException | IllegalArgumentException e) {
                // not a Kafka source's offsets
            }
        }
        return offsets;
    }

    /**
     * Spark's input rate, or NaN when it has none. On a query's first trigger Spark divides the
     * rows by an infinite interval: 0.0 although rows arrived (NaN in older versions).
     */
    static double inputRate(long numInputRows, double sparkRate) {
        return !Double.isFinite(sparkRate) || (sparkRate == 0 && numInputRows > 0) ? Double.NaN : sparkRate;
    }

    /** The concise line printed per batch. */
    public String line() {
        return String.format(Locale.ROOT,
                "[%s] batch %d: %d rows, %s rows/s in, %.1f rows/s processed, %d ms, watermark %s, state %d rows, %d late dropped, %d rejected",
                query, batchId, numInputRows,
                Double.isNaN(inputRowsPerSecond) ? "-" : String.format(Locale.ROOT, "%.1f", inputRowsPerSecond),
                processedRowsPerSecond, durationMs.getOrDefault("triggerExecution", 0L), watermark, stateRows, droppedLate,
                rejected);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }

    /** JSON has no NaN: a rate Spark did not measure is null in the metrics file. */
    public static final class NanAsNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        public NanAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (value.isNaN()) {
                json.writeNull();
            } else {
                json.writeNumber(value);
            }
        }
    }
}
