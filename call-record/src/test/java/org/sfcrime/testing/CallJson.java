package org.sfcrime.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordFormat;

/**
 * One call for tests, in the shape of the DataSF export: the 14 string fields in the export's
 * order, the dates derived from {@code call_date_time}, and plain values for every field a test
 * does not name. {@link #json()} is the compact JSON the file holds and the producer sends.
 *
 * <pre>{@code
 * String json = CallJson.call("183653763", LocalDateTime.of(2018, 12, 31, 23, 57))
 *         .crimeType("Traffic Stop").disposition("CIT").json();
 * }</pre>
 */
public final class CallJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> fields = new LinkedHashMap<>();

    private CallJson(String crimeId, LocalDateTime callDateTime) {
        String day = CallRecordFormat.formatTimestamp(callDateTime.toLocalDate().atStartOfDay());
        fields.put(CallRecordFormat.CRIME_ID, crimeId);
        fields.put(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, "Passing Call");
        fields.put(CallRecordFormat.REPORT_DATE, day);
        fields.put(CallRecordFormat.CALL_DATE, day);
        fields.put(CallRecordFormat.OFFENSE_DATE, day);
        fields.put(CallRecordFormat.CALL_TIME, CallRecordFormat.CALL_TIME_FORMAT.format(callDateTime));
        fields.put(CallRecordFormat.CALL_DATE_TIME, CallRecordFormat.formatTimestamp(callDateTime));
        fields.put(CallRecordFormat.DISPOSITION, "HAN");
        fields.put(CallRecordFormat.ADDRESS, "100 Block Of Market St");
        fields.put(CallRecordFormat.CITY, "San Francisco");
        fields.put(CallRecordFormat.STATE, "CA");
        fields.put(CallRecordFormat.AGENCY_ID, "1");
        fields.put(CallRecordFormat.ADDRESS_TYPE, "Premise Address");
        fields.put(CallRecordFormat.COMMON_LOCATION, "");
    }

    /** A call with this crime_id at this event time: a "Passing Call", disposition HAN, on Market St. */
    public static CallJson call(String crimeId, LocalDateTime callDateTime) {
        return new CallJson(crimeId, callDateTime);
    }

    public CallJson crimeType(String originalCrimeTypeName) {
        return with(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, originalCrimeTypeName);
    }

    public CallJson disposition(String disposition) {
        return with(CallRecordFormat.DISPOSITION, disposition);
    }

    public CallJson address(String address) {
        return with(CallRecordFormat.ADDRESS, address);
    }

    /** At a named place: address_type "Common Location" and this common_location. */
    public CallJson commonLocation(String name) {
        with(CallRecordFormat.ADDRESS_TYPE, "Common Location");
        return with(CallRecordFormat.COMMON_LOCATION, name);
    }

    /** Sets one field, which must be one of {@link CallRecordFormat#FIELDS}; its place in the order is kept. */
    public CallJson with(String field, String value) {
        if (!CallRecordFormat.FIELDS.contains(field)) {
            throw new IllegalArgumentException("not a field of the record format: " + field);
        }
        fields.put(field, value);
        return this;
    }

    /** Leaves a field out, for records the parser must reject. */
    public CallJson without(String field) {
        fields.remove(field);
        return this;
    }

    /** The fields in the export's order. */
    public Map<String, String> fields() {
        return new LinkedHashMap<>(fields);
    }

    /** The call as compact JSON. */
    public String json() {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed call's JSON as text: compact, as the producer sends it. */
    public static String text(CallRecord call) {
        return new String(call.json(), StandardCharsets.UTF_8);
    }

    /** JSON objects as one indented array, like the DataSF export. */
    public static String jsonArray(List<String> records) {
        return "[\n    " + String.join(",\n    ", records) + "\n]\n";
    }

    /** JSON objects one per line. */
    public static String ndjson(List<String> records) {
        return String.join("\n", records) + "\n";
    }
}
