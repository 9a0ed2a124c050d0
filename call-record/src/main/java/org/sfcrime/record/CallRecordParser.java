package org.sfcrime.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;

/**
 * Validates call records: the one set of rules for file records and Kafka messages.
 * A record is valid when it is a JSON object with a non-empty {@code crime_id} and a
 * {@code call_date_time} that matches {@link CallRecordFormat#TIMESTAMP_PATTERN}.
 */
public final class CallRecordParser {

    private final ObjectMapper mapper;

    public CallRecordParser() {
        this(new ObjectMapper());
    }

    public CallRecordParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Validates an already parsed JSON value and returns it as a record with compact bytes. */
    public CallRecord toRecord(JsonNode node) throws InvalidCallRecordException {
        if (node == null || !node.isObject()) {
            throw new InvalidCallRecordException("not a JSON object");
        }
        String crimeId = textField(node, CallRecordFormat.CRIME_ID);
        if (crimeId == null || crimeId.isEmpty()) {
            throw new InvalidCallRecordException("missing " + CallRecordFormat.CRIME_ID);
        }
        String callDateTime = textField(node, CallRecordFormat.CALL_DATE_TIME);
        if (callDateTime == null) {
            throw new InvalidCallRecordException("missing " + CallRecordFormat.CALL_DATE_TIME);
        }
        LocalDateTime eventTime = CallRecordFormat.parseTimestamp(callDateTime);
        if (eventTime == null) {
            throw new InvalidCallRecordException("unparseable " + CallRecordFormat.CALL_DATE_TIME
                    + " '" + abbreviate(callDateTime) + "' (expected " + CallRecordFormat.TIMESTAMP_PATTERN + ")");
        }
        try {
            return new CallRecord(crimeId, eventTime, mapper.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a parsed JSON tree", e);
        }
    }

    /** Parses and validates one Kafka message value. */
    public CallRecord parseMessage(byte[] value) throws InvalidCallRecordException {
        if (value == null) {
            throw new InvalidCallRecordException("null value");
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (IOException e) {
            throw new InvalidCallRecordException("not JSON");
        }
        return toRecord(node);
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
