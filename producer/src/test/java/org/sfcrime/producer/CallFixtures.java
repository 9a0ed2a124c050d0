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
import org.sfcrime.testing.CallJson;

/** The producer tests' calls: the shape of the real extract, built with the shared {@link CallJson}. */
final class CallFixtures {

    static final LocalDateTime FIRST_CALL = LocalDateTime.of(2018, 12, 31, 23, 57);

    private CallFixtures() {
    }

    /**
     * Calls newest first, one every 7 minutes going back from {@link #FIRST_CALL}, crime_ids
     * counting down from 183653763: the shape of the real extract.
     */
    static List<String> newestFirst(int count) {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(CallJson.call(crimeId(i), FIRST_CALL.minusMinutes(7L * i)).json());
        }
        return calls;
    }

    static String crimeId(int i) {
        return Integer.toString(183653763 - i);
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
