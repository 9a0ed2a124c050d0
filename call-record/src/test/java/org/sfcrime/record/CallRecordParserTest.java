package org.sfcrime.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message read field by field, as the stream job reads it, against the rules the file reader applies. */
class CallRecordParserTest {

    private final CallRecordParser parser = new CallRecordParser();

    @Test
    void readsEveryFieldInTheExportsOrderWhateverTheirOrderInTheMessage() throws Exception {
        Map<String, String> message = new LinkedHashMap<>();
        for (int i = CallRecordFormat.FIELDS.size() - 1; i >= 0; i--) {
            message.put(CallRecordFormat.FIELDS.get(i), "v-" + CallRecordFormat.FIELDS.get(i));
        }
        message.put(CallRecordFormat.CALL_DATE_TIME, "2018-12-31T23:57:00.000");
        StringBuilder json = new StringBuilder("{\"unknown\":{\"nested\":[1,2]}");
        message.forEach((name, value) -> json.append(",\"").append(name).append("\":\"").append(value).append('"'));
        json.append('}');

        String[] fields = new String[CallRecordFormat.FIELDS.size()];
        LocalDateTime eventTime = parser.parseFields(bytes(json.toString()), fields);

        assertEquals(LocalDateTime.of(2018, 12, 31, 23, 57), eventTime);
        assertArrayEquals(CallRecordFormat.FIELDS.stream().map(message::get).toArray(String[]::new), fields);
    }

    @Test
    void keepsNumbersAsWrittenAndLeavesMissingFieldsNull() throws Exception {
        String[] fields = new String[CallRecordFormat.FIELDS.size()];
        parser.parseFields(bytes("{\"crime_id\":183653763,\"call_date_time\":\"2018-12-31T23:57:00.000\","
                + "\"disposition\":null,\"address\":{\"street\":\"Mission\"},\"agency_id\":\"1\",\"agency_id\":\"2\","
                + "\"city\":\"San Francisco\\u00e9\"}"), fields);

        assertEquals("183653763", fields[index(CallRecordFormat.CRIME_ID)]);
        assertEquals(null, fields[index(CallRecordFormat.DISPOSITION)]);
        assertEquals("", fields[index(CallRecordFormat.ADDRESS)], "an object's text, as a tree's asText gives");
        assertEquals("2", fields[index(CallRecordFormat.AGENCY_ID)], "a repeated name: the last one wins");
        assertEquals("San Francisco\u00e9", fields[index(CallRecordFormat.CITY)]);
        assertEquals(null, fields[index(CallRecordFormat.STATE)]);
    }

    @Test
    void rejectsWithTheSameReasonsAsParseMessage() {
        String[] messages = {
            "not json at all",
            "{\"crime_id\":\"1\",",
            "[1,2,3]",
            "\"text\"",
            "{\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
            "{\"crime_id\":\"\",\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
            "{\"crime_id\":{},\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
            "{\"crime_id\":\"1\"}",
            "{\"crime_id\":\"1\",\"call_date_time\":\"2018-02-30T10:05:00.000\"}",
            "{\"crime_id\":\"1\",\"call_date_time\":\"31/12/2018 11:00\"}",
        };
        String[] reasons = {
            "not JSON",
            "not JSON",
            "not a JSON object",
            "not a JSON object",
            "missing crime_id",
            "missing crime_id",
            "missing crime_id",
            "missing call_date_time",
            "unparseable call_date_time '2018-02-30T10:05:00.000' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)",
            "unparseable call_date_time '31/12/2018 11:00' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)",
        };
        for (int i = 0; i < messages.length; i++) {
            byte[] message = bytes(messages[i]);
            assertEquals(reasons[i], assertThrows(InvalidCallRecordException.class,
                    () -> parser.parseFields(message, new String[CallRecordFormat.FIELDS.size()])).getMessage(), messages[i]);
            assertEquals(reasons[i], assertThrows(InvalidCallRecordException.class,
                    () -> parser.parseMessage(message)).getMessage(), messages[i]);
        }
        assertEquals("null value", assertThrows(InvalidCallRecordException.class,
                () -> parser.parseFields(null, new String[CallRecordFormat.FIELDS.size()])).getMessage());
    }

    private static int index(String field) {
        return CallRecordFormat.FIELDS.indexOf(field);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
