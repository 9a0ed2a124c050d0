package org.sfcrime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected hourly counts, computed straight from the input file with plain Jackson and
 * java.time, independently of the pipeline's code: LEFT-join semantics (unknown codes kept).
 */
final class WindowedCountsOracle {

    static final String UNKNOWN_CODE = "(no radio code)";

    private WindowedCountsOracle() {
    }

    /** Key "window start|crime type|disposition" → "description|count", for one-hour tumbling windows. */
    static Map<String, String> hourlyCounts(Path calls, Path radioCodes) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> descriptions = new HashMap<>();
        for (JsonNode code : mapper.readTree(radioCodes.toFile())) {
            descriptions.put(code.get("disposition_code").asText(), code.get("description").asText());
        }
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> descriptionOf = new HashMap<>();
        for (JsonNode call : mapper.readTree(calls.toFile())) {
            LocalDateTime time = eventTime(call);
            if (time == null || call.path("crime_id").asText("").isEmpty()) {
                continue;
            }
            String disposition = call.path("disposition").asText();
            String key = time.truncatedTo(ChronoUnit.HOURS) + ":00.000|" + call.path("original_crime_type_name").asText()
                    + "|" + disposition;
            counts.merge(key, 1L, Long::sum);
            descriptionOf.put(key, descriptions.getOrDefault(disposition, UNKNOWN_CODE));
        }
        Map<String, String> expected = new TreeMap<>();
        counts.forEach((key, count) -> expected.put(key, descriptionOf.get(key) + "|" + count));
        return expected;
    }

    /**
     * The windows a files sink (append mode) holds after a bounded drain: those whose end the last
     * watermark, the newest call time minus {@code watermark}, has reached. Same keys and values as
     * {@link #hourlyCounts}.
     */
    static Map<String, String> finalHourlyCounts(Path calls, Path radioCodes, Duration watermark) throws IOException {
        LocalDateTime newest = LocalDateTime.MIN;
        for (JsonNode call : new ObjectMapper().readTree(calls.toFile())) {
            LocalDateTime time = eventTime(call);
            if (time != null && !call.path("crime_id").asText("").isEmpty() && time.isAfter(newest)) {
                newest = time;
            }
        }
        LocalDateTime lastWatermark = newest.minus(watermark);
        Map<String, String> expected = new TreeMap<>(hourlyCounts(calls, radioCodes));
        expected.keySet().removeIf(key -> LocalDateTime.parse(key.substring(0, key.indexOf('|'))).plusHours(1).isAfter(lastWatermark));
        return expected;
    }

    static long validCalls(Path calls) throws IOException {
        long valid = 0;
        for (JsonNode call : new ObjectMapper().readTree(calls.toFile())) {
            if (eventTime(call) != null && !call.path("crime_id").asText("").isEmpty()) {
                valid++;
            }
        }
        return valid;
    }

    private static LocalDateTime eventTime(JsonNode call) {
        try {
            return LocalDateTime.parse(call.path("call_date_time").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
