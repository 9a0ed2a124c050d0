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

/**
 * Small deterministic calls in the shape of the real export (14 string fields), for tests.
 * Call i has crime_id 182751007 + i and call_date_time 2018-10-02T09:11 + i minutes, so calls in
 * index order are in event-time order.
 */
final class CallFixtures {

    static final long FIRST_CRIME_ID = 182_751_007L;
    private static final LocalDateTime FIRST_CALL = LocalDateTime.of(2018, 10, 2, 9, 11);
    private static final String[] TYPES = {"Passing Call", "Traffic Stop", "Suspicious Person", "Audible Alarm"};
    private static final String[] DISPOSITIONS = {"HAN", "GOA", "ADV", "Not recorded", "CIT"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CallFixtures() {
    }

    /** The fields of call {@code i}, in the export's order. */
    static Map<String, String> fields(int i) {
        LocalDateTime time = FIRST_CALL.plusMinutes(i);
        String day = CallRecordFormat.formatTimestamp(time.toLocalDate().atStartOfDay());
        boolean common = i % 7 == 0;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(CallRecordFormat.CRIME_ID, Long.toString(FIRST_CRIME_ID + i));
        fields.put(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, TYPES[i % TYPES.length]);
        fields.put(CallRecordFormat.REPORT_DATE, day);
        fields.put(CallRecordFormat.CALL_DATE, day);
        fields.put(CallRecordFormat.OFFENSE_DATE, day);
        fields.put(CallRecordFormat.CALL_TIME, CallRecordFormat.CALL_TIME_FORMAT.format(time));
        fields.put(CallRecordFormat.CALL_DATE_TIME, CallRecordFormat.formatTimestamp(time));
        fields.put(CallRecordFormat.DISPOSITION, DISPOSITIONS[i % DISPOSITIONS.length]);
        fields.put(CallRecordFormat.ADDRESS, (100 + i % 30 * 100) + " Block Of Market St");
        fields.put(CallRecordFormat.CITY, "San Francisco");
        fields.put(CallRecordFormat.STATE, "CA");
        fields.put(CallRecordFormat.AGENCY_ID, "1");
        fields.put(CallRecordFormat.ADDRESS_TYPE, common ? "Common Location" : "Premise Address");
        fields.put(CallRecordFormat.COMMON_LOCATION, common ? "Union Square, Sf" : "");
        return fields;
    }

    /** Call {@code i} as the shared parser makes it: compact JSON, as the producer sends it. */
    static CallRecord call(int i) {
        return parse(json(fields(i)));
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

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes calls 0..count-1 as a pretty JSON array, newest first like the real export. */
    static void writeFile(Path file, int count) {
        List<Map<String, String>> records = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            records.add(fields(i));
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
     * A delivery report's counts by their JSON names, for one exact assertion.
     *
     * @param outOfOrder null when the order was not checked: the count is then left out
     */
    static Map<String, Long> reportCounts(long expected, long consumed, long delivered, long missing, long duplicated,
                                          long unexpected, long unparseable, long wrongKey, Long outOfOrder,
                                          long skippedInFile) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("expected", expected);
        counts.put("consumed", consumed);
        counts.put("delivered", delivered);
        counts.put("missing", missing);
        counts.put("duplicated", duplicated);
        counts.put("unexpected", unexpected);
        counts.put("unparseable", unparseable);
        counts.put("wrong_key", wrongKey);
        if (outOfOrder != null) {
            counts.put("out_of_order", outOfOrder);
        }
        counts.put("skipped_in_file", skippedInFile);
        return counts;
    }
}
