package org.sfcrime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sfcrime.record.CallRecordFormat;

class SampleJsonWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void prettyIsLaidOutLikePythonsJsonDumpWithIndentFour() throws IOException {
        List<Map<String, String>> records = SyntheticCalls.generate(3, 1);
        // The layout of the real extract: `[`, objects at 4 spaces, fields at 8, `"key": "value"`.
        String expected = records.stream()
                .map(record -> record.entrySet().stream()
                        .map(field -> "        \"" + field.getKey() + "\": \"" + field.getValue() + "\"")
                        .collect(Collectors.joining(",\n", "    {\n", "\n    }")))
                .collect(Collectors.joining(",\n", "[\n", "\n]"));
        records.forEach(record -> record.values().forEach(
                value -> assertTrue(value.indexOf('"') < 0 && value.indexOf('\\') < 0, "needs escaping: " + value)));

        assertEquals(expected, write(records, SampleFormat.PRETTY));
    }

    @Test
    void prettyParsesBackToTheSameRecordsInOrder() throws IOException {
        List<Map<String, String>> records = SyntheticCalls.generate(5000, SyntheticCalls.DEFAULT_SEED);
        String json = write(records, SampleFormat.PRETTY);

        JsonNode array = MAPPER.readTree(json);
        assertTrue(array.isArray());
        assertEquals(5000, array.size());
        for (JsonNode object : array) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            assertEquals(CallRecordFormat.FIELDS, names);
            object.forEach(value -> assertTrue(value.isTextual(), "not a string: " + value));
        }
        List<LinkedHashMap<String, String>> parsed = MAPPER.readValue(json, new TypeReference<>() { });
        assertEquals(records, parsed);
    }

    @Test
    void ndjsonIsOneCompactObjectPerLine() throws IOException {
        List<Map<String, String>> records = SyntheticCalls.generate(100, 3);
        String ndjson = write(records, SampleFormat.NDJSON);

        assertTrue(ndjson.endsWith("}\n"));
        String[] lines = ndjson.split("\n");
        assertEquals(records.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("{\"crime_id\":\""), lines[i]);
            assertEquals(MAPPER.writeValueAsString(records.get(i)), lines[i]);
        }
    }

    private static String write(List<Map<String, String>> records, SampleFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SampleJsonWriter writer = new SampleJsonWriter(out, format)) {
            for (Map<String, String> record : records) {
                writer.write(record);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
