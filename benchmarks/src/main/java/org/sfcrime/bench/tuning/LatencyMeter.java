package org.sfcrime.bench.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * End-to-end latency per call: from the call's Kafka timestamp in the input topic to the moment this process received
 * the output that shows it.
 *
 * <p>The n-th call (in input timestamp order) with an output key is visible once an output message with that key and a
 * count of at least n has arrived. The counts' kafka sink writes each changed window's running count under
 * {@code window_start|crime_type|disposition}; the enriched feed writes each call once under its crime_id, so there
 * the count is the message's ordinal among those with its key.
 */
final class LatencyMeter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The call record's timestamp as the job parses it (STRICT: "2018-02-30" is rejected), stated here rather than
     * taken from the product's classes: the study only drives the shipped jars.
     */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS")
            .withResolverStyle(ResolverStyle.STRICT);

    /** A counted call: its input timestamp (epoch ms) and the output key its window count goes under. */
    record InputCall(long timestampMs, int partition, long offset, String outputKey) {
    }

    /** One output message: key, count and when it was received (epoch ms). */
    record OutputCount(String key, long count, long receivedMs) {
    }

    /** Latencies of the calls measured, sorted ascending, in ms; notVisible: calls whose count never became visible. */
    record Result(int measured, int notVisible, long[] latencyMs) {

        double percentile(double percentile) {
            return percentileOf(latencyMs, percentile);
        }
    }

    /** @param outputKey an input record's output key, null when the job rejects it */
    static List<InputCall> inputCalls(List<ConsumerRecord<String, String>> records, Function<ConsumerRecord<String, String>, String> outputKey) {
        return records.stream().map(record -> new InputCall(record.timestamp(), record.partition(), record.offset(),
                outputKey.apply(record))).filter(call -> call.outputKey() != null).toList();
    }

    /** The job's output key for an input value, null when the job rejects it; windows align to the epoch in UTC. */
    static String outputKey(String value, long windowMinutes) {
        try {
            JsonNode call = MAPPER.readTree(value);
            if (call == null || !call.isObject() || call.path("crime_id").asText("").isEmpty()) {
                return null;
            }
            LocalDateTime eventTime = LocalDateTime.parse(call.path("call_date_time").asText(""), TIMESTAMP);
            long minutes = eventTime.toEpochSecond(ZoneOffset.UTC) / 60;
            LocalDateTime windowStart = LocalDateTime.ofEpochSecond((minutes - Math.floorMod(minutes, windowMinutes)) * 60, 0, ZoneOffset.UTC);
            return TIMESTAMP.format(windowStart) + "|" + call.path("original_crime_type_name").asText("") + "|" + call.path("disposition").asText("");
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    static long countOf(String value) {
        try {
            return MAPPER.readTree(value).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Latency of each call with an input timestamp in [fromMs, toMs]; calls outside still count for key ordinals. */
    static Result measure(List<InputCall> inputs, List<OutputCount> outputs, long fromMs, long toMs) {
        List<InputCall> ordered = new ArrayList<>(inputs);
        ordered.sort(Comparator.comparingLong(InputCall::timestampMs).thenComparingInt(InputCall::partition)
                .thenComparingLong(InputCall::offset));
        Map<String, List<OutputCount>> received = outputs.stream().sorted(Comparator.comparingLong(OutputCount::receivedMs))
                .collect(Collectors.groupingBy(OutputCount::key));
        Map<String, Integer> ordinals = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        int measured = 0;
        for (InputCall call : ordered) {
            int ordinal = ordinals.merge(call.outputKey(), 1, Integer::sum);
            if (call.timestampMs() >= fromMs && call.timestampMs() <= toMs) {
                measured++;
                // visible with the first output of its key whose count includes it
                received.getOrDefault(call.outputKey(), List.of()).stream().filter(output -> output.count() >= ordinal).findFirst()
                        .ifPresent(output -> latencies.add(output.receivedMs() - call.timestampMs()));
            }
        }
        return new Result(measured, measured - latencies.size(), latencies.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** Nearest-rank percentile of ascending values; NaN when there are none. */
    static double percentileOf(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
