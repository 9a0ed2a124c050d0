package org.sfcrime.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates call records: the one set of rules for file records and Kafka messages.
 * A record is valid when it is a JSON object with a non-empty {@code crime_id} and a
 * {@code call_date_time} that matches {@link CallRecordFormat#TIMESTAMP_PATTERN}.
 *
 * <p>A valid record's bytes are its JSON text as written, with the whitespace between tokens
 * removed: strings, escapes and numbers are kept exactly. The parser streams over the record and
 * decodes only the two fields it checks; building a tree and writing it again cost most of the
 * time of reading a file.
 */
public final class CallRecordParser {

    /** Where the compact bytes of the value the parser is on can be copied from, given its offsets. */
    interface RecordBytes {
        byte[] copy(long from, long to);
    }

    /** Position of each field in {@link CallRecordFormat#FIELDS}. */
    private static final Map<String, Integer> FIELD_INDEX = fieldIndex();
    private static final int CRIME_ID_INDEX = CallRecordFormat.FIELDS.indexOf(CallRecordFormat.CRIME_ID);
    private static final int CALL_DATE_TIME_INDEX = CallRecordFormat.FIELDS.indexOf(CallRecordFormat.CALL_DATE_TIME);

    private final JsonFactory factory;

    public CallRecordParser() {
        this(new JsonFactory());
    }

    CallRecordParser(JsonFactory factory) {
        this.factory = factory;
    }

    /** Parses and validates one Kafka message value. */
    public CallRecord parseMessage(byte[] value) throws InvalidCallRecordException {
        return readMessage(value, parser -> parseValue(parser, (from, to) -> CompactJson.copy(value, (int) from, (int) to)));
    }

    /**
     * Parses and validates one Kafka message value, decoding all of its {@link CallRecordFormat#FIELDS}
     * (a field the record lacks stays null; other names are skipped).
     *
     * @param fields receives the values, in the order of {@link CallRecordFormat#FIELDS}
     * @return the event time
     */
    public LocalDateTime parseFields(byte[] value, String[] fields) throws InvalidCallRecordException {
        return readMessage(value, parser -> {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new InvalidCallRecordException("not a JSON object");
            }
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                Integer index = FIELD_INDEX.get(name);
                if (index == null) {
                    parser.skipChildren();
                } else {
                    fields[index] = text(parser, token);
                }
            }
            return validEventTime(fields[CRIME_ID_INDEX], fields[CALL_DATE_TIME_INDEX]);
        });
    }

    /** What is read from a message, the parser standing on its first token. */
    private interface MessageBody<T> {
        T read(JsonParser parser) throws IOException, InvalidCallRecordException;
    }

    /** The rules every message shares: a null value, no JSON at all, and broken JSON are rejected. */
    private <T> T readMessage(byte[] value, MessageBody<T> body) throws InvalidCallRecordException {
        if (value == null) {
            throw new InvalidCallRecordException("null value");
        }
        try (JsonParser parser = factory.createParser(value)) {
            if (parser.nextToken() == null) {
                throw new InvalidCallRecordException("not JSON");
            }
            return body.read(parser);
        } catch (JsonProcessingException e) {
            throw new InvalidCallRecordException("not JSON");
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * Validates the JSON value whose first token is the parser's current token, and leaves the
     * parser on its last token, whether the value is valid or not.
     *
     * @throws JsonProcessingException when the value is not well-formed JSON
     */
    CallRecord parseValue(JsonParser parser, RecordBytes bytes) throws IOException, InvalidCallRecordException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new InvalidCallRecordException("not a JSON object");
        }
        String crimeId = null;
        String callDateTime = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            // Like a tree's last-one-wins for repeated names; only these two values are decoded.
            if (CallRecordFormat.CRIME_ID.equals(name)) {
                crimeId = text(parser, value);
            } else if (CallRecordFormat.CALL_DATE_TIME.equals(name)) {
                callDateTime = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        return new CallRecord(crimeId, validEventTime(crimeId, callDateTime), bytes.copy(start, end));
    }

    /** The rules a record's two checked fields must meet; returns the event time. */
    private static LocalDateTime validEventTime(String crimeId, String callDateTime) throws InvalidCallRecordException {
        if (crimeId == null || crimeId.isEmpty()) {
            throw new InvalidCallRecordException("missing " + CallRecordFormat.CRIME_ID);
        }
        if (callDateTime == null) {
            throw new InvalidCallRecordException("missing " + CallRecordFormat.CALL_DATE_TIME);
        }
        LocalDateTime eventTime = CallRecordFormat.parseTimestamp(callDateTime);
        if (eventTime == null) {
            throw new InvalidCallRecordException("unparseable " + CallRecordFormat.CALL_DATE_TIME
                    + " '" + abbreviate(callDateTime) + "' (expected " + CallRecordFormat.TIMESTAMP_PATTERN + ")");
        }
        return eventTime;
    }

    /** A scalar's text (a number as written), null for JSON null, and "" for an object or array, as a tree's asText gives. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isStructStart()) {
            parser.skipChildren();
            return "";
        }
        return parser.getText();
    }

    private static Map<String, Integer> fieldIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < CallRecordFormat.FIELDS.size(); i++) {
            index.put(CallRecordFormat.FIELDS.get(i), i);
        }
        return Map.copyOf(index);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
