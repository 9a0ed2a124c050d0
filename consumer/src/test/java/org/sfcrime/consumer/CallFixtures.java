package org.sfcrime.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sfcrime.record.CallFileEntry;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.record.CallRecordParser;
import org.sfcrime.record.InvalidCallRecordException;
import org.sfcrime.testing.CallJson;

/**
 * Small deterministic calls in the shape of the real export, built with the shared
 * {@link CallJson}. Call i has crime_id 182751007 + i and call_date_time 2018-10-02T09:11 + i
 * minutes, so calls in index order are in event-time order.
 */
final class CallFixtures {

    static final long FIRST_CRIME_ID = 182_751_007L;
    private static final LocalDateTime FIRST_CALL = LocalDateTime.of(2018, 10, 2, 9, 11);
    private static final String[] TYPES = {"Passing Call", "Traffic Stop", "Suspicious Person", "Audible Alarm"};
    private static final String[] DISPOSITIONS = {"HAN", "GOA", "ADV", "Not recorded", "CIT"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CallFixtures() {
    }

    /** Call {@code i}, built with the shared {@link CallJson}. */
    static CallJson callJson(int i) {
        CallJson call = CallJson.call(Long.toString(FIRST_CRIME_ID + i), FIRST_CALL.plusMinutes(i))
                .crimeType(TYPES[i % TYPES.length])
                .disposition(DISPOSITIONS[i % DISPOSITIONS.length])
                .address((100 + i % 30 * 100) + " Block Of Market St");
        return i % 7 == 0 ? call.commonLocation("Union Square, Sf") : call;
    }

    /** Call {@code i} as the shared parser makes it: compact JSON, as the producer sends it. */
    static CallRecord call(int i) {
        return parse(callJson(i).json());
    }

    static List<CallRecord> calls(int count) {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(i));
        }
        return calls;
    }

    static CallRecord parse(String json) {
        try {
            return new CallRecordParser().parseMessage(json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidCallRecordException e) {
            throw new IllegalArgumentException("not a valid call: " + json, e);
        }
    }

    /** Writes calls 0..count-1 as a pretty JSON array, newest first like the real export. */
    static void writeFile(Path file, int count) {
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            records.add(callJson(i).fields());
        }
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid records of a file in file order, read with the shared reader as the producer reads it. */
    static List<CallRecord> readFile(Path file) {
        List<CallRecord> calls = new ArrayList<>();
        try (CallFileReader reader = CallFileReader.open(file.toString())) {
            for (CallFileEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry.valid()) {
                    calls.add(entry.call());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    /**
     * A delivery report's counts by their JSON names, in the report's order: the named ones, and
     * zero for every other, e.g. {@code reportCounts(Map.of("expected", 30L, "consumed", 29L,
     * "delivered", 29L, "missing", 1L))}.
     */
    static Map<String, Long> reportCounts(Map<String, Long> named) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String total : List.of("expected", "consumed", "delivered")) {
            counts.put(total, 0L);
        }
        for (Discrepancy discrepancy : Discrepancy.values()) {
            counts.put(discrepancy.key(), 0L);
        }
        for (Map.Entry<String, Long> count : named.entrySet()) {
            if (counts.replace(count.getKey(), count.getValue()) == null) {
                throw new IllegalArgumentException("not a count of the report: " + count.getKey());
            }
        }
        return counts;
    }

    /** The value as it is and nothing else: upstream's default layout. */
    static MessageLayout rawLayout() {
        return new MessageLayout(OutputFormat.RAW, List.of(), false, false, false, false);
    }
}
