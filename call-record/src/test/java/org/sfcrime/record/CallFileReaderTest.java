package org.sfcrime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.sfcrime.testing.CallJson;

/** The one reader of calls files: formats, compact values, validation and broken input. */
class CallFileReaderTest {

    private static final String FIRST = "{\"crime_id\":\"183653763\",\"call_date_time\":\"2018-12-31T23:57:00.000\",\"disposition\":\"HAN\"}";
    private static final String SECOND = "{\"crime_id\":\"183653756\",\"call_date_time\":\"2018-12-31T23:47:00.000\",\"disposition\":\"Not recorded\"}";

    private static final String PRETTY_ARRAY = """
            [ {
              "crime_id" : "183653763",
              "call_date_time" : "2018-12-31T23:57:00.000",
              "disposition" : "HAN"
            },
            {
            \t"crime_id": "183653756",\r
            \t"call_date_time": "2018-12-31T23:47:00.000",\r
            \t"disposition": "Not recorded"
            } ]
            """;

    private static List<String> values(InputStream in) throws IOException {
        List<String> values = new ArrayList<>();
        try (CallFileReader reader = CallFileReader.of("fixture", in)) {
            for (CallFileEntry entry = reader.next(); entry != null; entry = reader.next()) {
                values.add(entry.valid() ? CallJson.text(entry.call()) : "rejected " + entry.index() + ": " + entry.rejectReason());
            }
        }
        return values;
    }

    private static List<String> values(String content) throws IOException {
        return values(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void readsAPrettyArrayAsCompactRecords() throws IOException {
        assertEquals(List.of(FIRST, SECOND), values(PRETTY_ARRAY));
    }

    @Test
    void readsACompactArrayAndNewlineDelimitedObjectsAlike() throws IOException {
        assertEquals(List.of(FIRST, SECOND), values("[" + FIRST + "," + SECOND + "]"));
        assertEquals(List.of(FIRST, SECOND), values(FIRST + "\n" + SECOND + "\n"));
        assertEquals(List.of(FIRST, SECOND), values(FIRST + SECOND));
    }

    @Test
    void detectsGzipFromTheContent() throws IOException {
        assertEquals(List.of(FIRST, SECOND), values(new ByteArrayInputStream(gzip(PRETTY_ARRAY))));
        assertEquals(List.of(FIRST, SECOND), values(new ByteArrayInputStream(gzip(FIRST + "\n" + SECOND))));
    }

    @Test
    void anEmptyFileHasNoRecords() throws IOException {
        assertEquals(List.of(), values(""));
        assertEquals(List.of(), values("[ ]"));
    }

    @Test
    void keepsWhitespaceAndEscapesInsideStringsAndCompactsNestedValues() throws IOException {
        String record = "{ \"crime_id\" : \"1 2\", \"call_date_time\":\"2018-12-31T23:57:00.000\","
                + " \"address\" : \"Main St \\\"A\\\" \\\\ \\u00e9 \\/\", \"extra\" : { \"a\" : [ 1 , 2.50 , true , null ] } }";
        assertEquals(List.of("{\"crime_id\":\"1 2\",\"call_date_time\":\"2018-12-31T23:57:00.000\","
                        + "\"address\":\"Main St \\\"A\\\" \\\\ \\u00e9 \\/\",\"extra\":{\"a\":[1,2.50,true,null]}}"),
                values("[" + record + "]"));
    }

    @Test
    void keepsNonAsciiTextAsUtf8() throws IOException {
        String record = "{\"crime_id\":\"1\",\"call_date_time\":\"2018-12-31T23:57:00.000\",\"address\":\"Café Ñ 北\"}";
        assertEquals(List.of(record), values(record));
    }

    @Test
    void rejectsInvalidRecordsWithIndexAndReasonAndGoesOn() throws IOException {
        String content = "[" + String.join(",",
                FIRST,
                "42",
                "[1, {\"crime_id\":\"x\"}]",
                "{\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
                "{\"crime_id\":\"\",\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
                "{\"crime_id\":{\"nested\":1},\"call_date_time\":\"2018-12-31T23:57:00.000\"}",
                "{\"crime_id\":\"1\"}",
                "{\"crime_id\":\"1\",\"call_date_time\":null}",
                "{\"crime_id\":\"1\",\"call_date_time\":\"2018-02-30T00:00:00.000\"}",
                "{\"crime_id\":\"1\",\"call_date_time\":\"31/12/2018 23:57\"}",
                SECOND) + "]";
        assertEquals(List.of(FIRST,
                "rejected 1: not a JSON object",
                "rejected 2: not a JSON object",
                "rejected 3: missing crime_id",
                "rejected 4: missing crime_id",
                "rejected 5: missing crime_id",
                "rejected 6: missing call_date_time",
                "rejected 7: missing call_date_time",
                "rejected 8: unparseable call_date_time '2018-02-30T00:00:00.000' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)",
                "rejected 9: unparseable call_date_time '31/12/2018 23:57' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)",
                SECOND), values(content));
    }

    @Test
    void takesANumericCrimeIdAsItsTextAndTheLastOfRepeatedFields() throws IOException {
        String record = "{\"crime_id\":183653763,\"call_date_time\":\"bad\",\"call_date_time\":\"2018-12-31T23:57:00.000\"}";
        try (CallFileReader reader = CallFileReader.of("fixture", new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)))) {
            CallRecord call = reader.next().call();
            assertEquals("183653763", call.crimeId());
            assertEquals(CallRecordFormat.parseTimestamp("2018-12-31T23:57:00.000"), call.callDateTime());
            assertEquals(record, CallJson.text(call));
        }
    }

    @Test
    void reportsATruncatedArrayWithTheIndexAndOffsetWhereItBroke() throws IOException {
        String content = "[" + FIRST + ",\n" + SECOND.substring(0, 40);
        try (CallFileReader reader = CallFileReader.of("calls.json", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
            assertEquals(FIRST, CallJson.text(reader.next().call()));
            MalformedCallFileException broken = assertThrows(MalformedCallFileException.class, reader::next);
            assertTrue(broken.getMessage().startsWith("calls.json: malformed JSON at record 1, byte offset " + content.length()),
                    broken.getMessage());
            assertNull(reader.next());
        }
    }

    @Test
    void reportsATruncatedGzipFileLikeATruncatedPlainFile() throws IOException {
        String content = "[" + FIRST + ",\n" + SECOND.substring(0, 40);
        // Flushed, so that the compressed bytes up to here decompress to exactly this content.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(compressed, true);
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] truncated = compressed.toByteArray();
        out.write(SECOND.substring(40).getBytes(StandardCharsets.UTF_8));
        out.close();
        try (CallFileReader reader = CallFileReader.of("calls.json.gz", new ByteArrayInputStream(truncated))) {
            assertEquals(FIRST, CallJson.text(reader.next().call()));
            MalformedCallFileException broken = assertThrows(MalformedCallFileException.class, reader::next);
            assertEquals("calls.json.gz: malformed JSON at record 1, byte offset " + content.length()
                    + ": the gzip data breaks off (truncated file?): Unexpected end of ZLIB input stream", broken.getMessage());
            assertNull(reader.next());
        }
    }

    /** 0xFE 0xFF is never UTF-8; Jackson reads it as a UTF-16 byte order mark and has no byte offsets then. */
    @Test
    void reportsMalformedUtf8AtTheStartAtByteOffsetZero() {
        byte[] content = {(byte) 0xfe, (byte) 0xff, (byte) 0xd8, 0x00};
        MalformedCallFileException broken = assertThrows(MalformedCallFileException.class,
                () -> values(new ByteArrayInputStream(content)));
        assertEquals("fixture: malformed JSON at record 0, byte offset 0: not UTF-8 (JSON files are exchanged as UTF-8)",
                broken.getMessage());
    }

    @Test
    void reportsAnUnclosedArrayAndContentAfterIt() throws IOException {
        MalformedCallFileException unclosed = assertThrows(MalformedCallFileException.class, () -> values("[" + FIRST));
        assertTrue(unclosed.getMessage().contains(": malformed JSON at record 1, byte offset "), unclosed.getMessage());
        MalformedCallFileException trailing = assertThrows(MalformedCallFileException.class, () -> values("[" + FIRST + "] {}"));
        assertTrue(trailing.getMessage().contains("unexpected content after the closing ]"), trailing.getMessage());
    }

    @Test
    void refusesAFileThatIsNeitherAnArrayNorObjects() {
        MalformedCallFileException wrong = assertThrows(MalformedCallFileException.class, () -> values("\"calls\""));
        assertTrue(wrong.getMessage().contains("expected a JSON array or JSON objects"), wrong.getMessage());
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        byte[] utf16 = ("[" + FIRST + "]").getBytes(StandardCharsets.UTF_16);
        MalformedCallFileException wrong = assertThrows(MalformedCallFileException.class,
                () -> values(new ByteArrayInputStream(utf16)));
        assertTrue(wrong.getMessage().contains("not UTF-8"), wrong.getMessage());
    }

    /** Large files cross the reader's buffers many times; every record must still come out whole. */
    @Test
    void readsRecordsThatSpanBufferBoundaries() throws IOException {
        StringBuilder content = new StringBuilder("[\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String record = "{\"crime_id\":\"" + i + "\",\"call_date_time\":\"2018-12-31T23:57:00.000\",\"address\":\""
                    + "x".repeat(i % 700) + "\"}";
            expected.add(record);
            content.append(i == 0 ? "" : ",\n").append(record.replace(",", ",\n    "));
        }
        content.append("\n]");
        assertEquals(expected, values(content.toString()));
        assertEquals(expected, values(new ByteArrayInputStream(gzip(content.toString()))));
    }

    @Test
    void parsesAMessageWithTheSameRulesAndTheSameCompactBytes() throws Exception {
        CallRecordParser parser = new CallRecordParser();
        CallRecord message = parser.parseMessage(("{\n  \"crime_id\" : \"183653763\",\n  \"call_date_time\" : "
                + "\"2018-12-31T23:57:00.000\",\n  \"disposition\" : \"HAN\"\n}").getBytes(StandardCharsets.UTF_8));
        assertEquals(FIRST, CallJson.text(message));
        assertEquals("not JSON", assertThrows(InvalidCallRecordException.class,
                () -> parser.parseMessage("{\"crime_id\":".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("not a JSON object", assertThrows(InvalidCallRecordException.class,
                () -> parser.parseMessage("[1]".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("null value", assertThrows(InvalidCallRecordException.class, () -> parser.parseMessage(null)).getMessage());
    }
}
