package org.sfcrime.bench.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sfcrime.record.CallRecordFormat;

/**
 * End-to-end latency per call: from the call's Kafka timestamp in the input topic to the moment
 * its window count becomes visible in the output topic.
 *
 * <p>The job's kafka sink writes, for every window a batch changed, the window's running count
 * under the key {@code window_start|crime_type|disposition}. The n-th call (in input timestamp
 * order) with a given key is therefore visible once an output message with that key and a count
 * of at least n has arrived. Two clocks are measured for "arrived": the output message's Kafka
 * timestamp (when the job's sink produced it) and the moment this process received it (when a
 * reader could act on it). Both are on the same machine as the input timestamps.
 */
final class LatencyMeter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A counted call: its input timestamp (ms) and the output key its window count goes under. */
    record InputCall(long timestampMs, int partition, long offset, String outputKey) {
    }

    /** One output message: key, count, its Kafka timestamp and when it was received (both epoch ms). */
    record OutputCount(String key, long count, long timestampMs, long receivedMs) {
    }

    /**
     * Latencies of the calls measured, sorted ascending, in ms.
     *
     * @param notVisible calls measured whose count never became visible before the run ended
     */
    record Result(int measured, int notVisible, long[] receivedLatencyMs, long[] producedLatencyMs) {

        /** Nearest-rank percentile of the received latency, in ms; NaN when nothing was visible. */
        double received(double percentile) {
            return percentileOf(receivedLatencyMs, percentile);
        }

        double produced(double percentile) {
            return percentileOf(producedLatencyMs, percentile);
        }
    }

    private LatencyMeter() {
    }

    /**
     * The input side: every valid call of the topic with its output key, for hour-aligned tumbling
     * windows of windowMinutes (the job's session time zone is UTC, so windows align to wall-clock hours).
     */
    static List<InputCall> inputCalls(List<ConsumerRecord<String, String>> records, long windowMinutes) {
        List<InputCall> calls = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            String key = outputKey(record.value(), windowMinutes);
            if (key != null) {
                calls.add(new InputCall(record.timestamp(), record.partition(), record.offset(), key));
            }
        }
        return calls;
    }

    /** The job's output key for one input value; null when the job would reject the message. */
    static String outputKey(String value, long windowMinutes) {
        JsonNode call;
        try {
            call = MAPPER.readTree(value);
        } catch (IOException e) {
            return null;
        }
        if (call == null || !call.isObject() || call.path(CallRecordFormat.CRIME_ID).asText("").isEmpty()) {
            return null;
        }
        LocalDateTime eventTime = CallRecordFormat.parseTimestamp(call.path(CallRecordFormat.CALL_DATE_TIME).asText(null));
        if (eventTime == null) {
            return null;
        }
        long minutes = eventTime.toLocalDate().toEpochDay() * 24 * 60 + eventTime.getHour() * 60L + eventTime.getMinute();
        LocalDateTime windowStart = LocalDateTime.of(1970, 1, 1, 0, 0).plus(minutes - Math.floorMod(minutes, windowMinutes), ChronoUnit.MINUTES);
        return CallRecordFormat.TIMESTAMP.format(windowStart) + "|" + text(call, CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME)
                + "|" + text(call, CallRecordFormat.DISPOSITION);
    }

    private static String text(JsonNode call, String field) {
        JsonNode node = call.get(field);
        return node == null || node.isNull() ? "" : node.asText();
    }

    /** The count of an output message's JSON value; -1 when it has none. */
    static long countOf(String value) {
        try {
            return MAPPER.readTree(value).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Latency of each call with an input timestamp in [fromMs, toMs]; calls outside still count
     * towards the ordinals of their key.
     */
    static Result measure(List<InputCall> inputs, List<OutputCount> outputs, long fromMs, long toMs) {
        List<InputCall> ordered = new ArrayList<>(inputs);
        ordered.sort(Comparator.comparingLong(InputCall::timestampMs).thenComparingInt(InputCall::partition)
                .thenComparingLong(InputCall::offset));
        Map<String, Visibility> byReceived = visibility(outputs, OutputCount::receivedMs);
        Map<String, Visibility> byProduced = visibility(outputs, OutputCount::timestampMs);
        Map<String, Integer> ordinals = new HashMap<>();
        long[] received = new long[ordered.size()];
        long[] produced = new long[ordered.size()];
        int measured = 0;
        int visible = 0;
        int notVisible = 0;
        for (InputCall call : ordered) {
            int ordinal = ordinals.merge(call.outputKey(), 1, Integer::sum);
            if (call.timestampMs() < fromMs || call.timestampMs() > toMs) {
                continue;
            }
            measured++;
            long receivedAt = visibleAt(byReceived.get(call.outputKey()), ordinal);
            long producedAt = visibleAt(byProduced.get(call.outputKey()), ordinal);
            if (receivedAt < 0 || producedAt < 0) {
                notVisible++;
                continue;
            }
            received[visible] = receivedAt - call.timestampMs();
            produced[visible] = producedAt - call.timestampMs();
            visible++;
        }
        long[] receivedSorted = Arrays.copyOf(received, visible);
        long[] producedSorted = Arrays.copyOf(produced, visible);
        Arrays.sort(receivedSorted);
        Arrays.sort(producedSorted);
        return new Result(measured, notVisible, receivedSorted, producedSorted);
    }

    /** Per key: output times in ascending order with the largest count seen up to each. */
    private record Visibility(long[] timeMs, long[] maxCount) {
    }

    private static Map<String, Visibility> visibility(List<OutputCount> outputs, ToLongFunction<OutputCount> clock) {
        Map<String, List<OutputCount>> byKey = new HashMap<>();
        for (OutputCount output : outputs) {
            byKey.computeIfAbsent(output.key(), k -> new ArrayList<>()).add(output);
        }
        Map<String, Visibility> result = new HashMap<>();
        byKey.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(clock));
            long[] times = new long[list.size()];
            long[] counts = new long[list.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < list.size(); i++) {
                max = Math.max(max, list.get(i).count());
                times[i] = clock.applyAsLong(list.get(i));
                counts[i] = max;
            }
            result.put(key, new Visibility(times, counts));
        });
        return result;
    }

    /** The first time the key's count reached the ordinal, or -1 when it never did. */
    private static long visibleAt(Visibility visibility, int ordinal) {
        if (visibility == null) {
            return -1;
        }
        long[] counts = visibility.maxCount();
        int low = 0;
        int high = counts.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (counts[middle] >= ordinal) {
                found = middle;
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        return found < 0 ? -1 : visibility.timeMs()[found];
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
