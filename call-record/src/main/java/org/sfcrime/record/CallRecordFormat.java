package org.sfcrime.record;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * The calls-for-service record format, defined once for the producer, the delivery verifier,
 * the stream job's schema and the tests.
 *
 * <p>Every record is a JSON object of 14 string fields. Timestamps are San Francisco wall-clock
 * time without a zone, for example {@code "2018-12-31T23:57:00.000"}.
 */
public final class CallRecordFormat {


    public static final String CRIME_ID = "crime_id";
    public static final String ORIGINAL_CRIME_TYPE_NAME = "original_crime_type_name";
    public static final String REPORT_DATE = "report_date";
    public static final String CALL_DATE = "call_date";
    public static final String OFFENSE_DATE = "offense_date";
    public static final String CALL_TIME = "call_time";
    public static final String CALL_DATE_TIME = "call_date_time";
    public static final String DISPOSITION = "disposition";
    public static final String ADDRESS = "address";
    public static final String CITY = "city";
    public static final String STATE = "state";
    public static final String AGENCY_ID = "agency_id";
    public static final String ADDRESS_TYPE = "address_type";
    public static final String COMMON_LOCATION = "common_location";

    /** All fields, in the order of the DataSF export. */
    public static final List<String> FIELDS = List.of(
            CRIME_ID, ORIGINAL_CRIME_TYPE_NAME, REPORT_DATE, CALL_DATE, OFFENSE_DATE, CALL_TIME,
            CALL_DATE_TIME, DISPOSITION, ADDRESS, CITY, STATE, AGENCY_ID, ADDRESS_TYPE, COMMON_LOCATION);

    /** Timestamp pattern of the date fields, in the letters Spark's datetime patterns use. */
    public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";

    /**
     * The same pattern for java.time. STRICT resolution so that "2018-02-30" is rejected as Spark
     * rejects it; STRICT needs 'u' (proleptic year) where Spark writes 'y'.
     */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
            .ofPattern(TIMESTAMP_PATTERN.replace('y', 'u'))
            .withResolverStyle(ResolverStyle.STRICT);

    /** Pattern of {@link #CALL_TIME}. */
    public static final DateTimeFormatter CALL_TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    private CallRecordFormat() {
    }

    /** Parses a timestamp field; returns null when it does not match {@link #TIMESTAMP_PATTERN}. */
    public static LocalDateTime parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, TIMESTAMP);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String formatTimestamp(LocalDateTime time) {
        return TIMESTAMP.format(time);
    }
}
