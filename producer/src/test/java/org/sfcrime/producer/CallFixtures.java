package org.sfcrime.producer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.CallRecordFormat;

/** Small calls files for tests, written here so that tests depend on nothing else. */
final class CallFixtures {

    static final LocalDateTime FIRST_CALL = LocalDateTime.of(2018, 12, 31, 23, 57);

    private CallFixtures() {
    }

    /** One call as compact JSON, the 14 fields in the export's order, as the file and Kafka hold it. */
    static String call(String crimeId, LocalDateTime callDateTime) {
        String day = CallRecordFormat.formatTimestamp(callDateTime.toLocalDate().atStartOfDay());
        return "{\"crime_id\":\"" + crimeId + "\",\"original_crime_type_name\":\"Passing Call\","
                + "\"report_date\":\"" + day + "\",\"call_date\":\"" + day + "\",\"offense_date\":\"" + day + "\","
                + "\"call_time\":\"" + CallRecordFormat.CALL_TIME_FORMAT.format(callDateTime) + "\","
                + "\"call_date_time\":\"" + CallRecordFormat.formatTimestamp(callDateTime) + "\","
                + "\"disposition\":\"HAN\",\"address\":\"100 Block Of Market St\",\"city\":\"San Francisco\","
                + "\"state\":\"CA\",\"agency_id\":\"1\",\"address_type\":\"Premise Address\",\"common_location\":\"\"}";
    }

    /** A call whose call_date_time is missing, so CallRecordParser rejects it. */
    static String callWithoutCallDateTime(String crimeId) {
        return "{\"crime_id\":\"" + crimeId + "\",\"original_crime_type_name\":\"Passing Call\"}";
    }

    /**
     * Calls newest first, one every 7 minutes going back from {@link #FIRST_CALL}, crime_ids
     * counting down from 183653763: the shape of the real extract.
     */
    static List<String> newestFirst(int count) {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(crimeId(i), FIRST_CALL.minusMinutes(7L * i)));
        }
        return calls;
    }

    static String crimeId(int i) {
        return Integer.toString(183653763 - i);
    }

    /** A pretty-printed JSON array of the given JSON objects. */
    static String jsonArray(List<String> records) {
        return "[\n    " + String.join(",\n    ", records) + "\n]\n";
    }

    static String ndjson(List<String> records) {
        return String.join("\n", records) + "\n";
    }

    static CallFileReader reader(String content) {
        try {
            return CallFileReader.of("fixture", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String callDateTimeOf(String json) {
        int at = json.indexOf("\"call_date_time\":\"") + "\"call_date_time\":\"".length();
        return json.substring(at, at + CallRecordFormat.TIMESTAMP_PATTERN.length() - 2);
    }
}
