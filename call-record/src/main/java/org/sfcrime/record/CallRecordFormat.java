package org.sfcrime.record;

import java.time.DateTimeException;
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

    /** Characters of a timestamp in {@link #TIMESTAMP_PATTERN}: "2018-12-31T23:57:00.000". */
    private static final int TIMESTAMP_WIDTH = 23;

    /** Pattern of {@link #CALL_TIME}. */
    public static final DateTimeFormatter CALL_TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    private CallRecordFormat() {
    }

    /** Parses a timestamp field; returns null when it does not match {@link #TIMESTAMP_PATTERN}. */
    public static LocalDateTime parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        if (hasFixedWidthLayout(text)) {
            return fixedWidthTimestamp(text);
        }
        try {
            return LocalDateTime.parse(text, TIMESTAMP);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Every timestamp of the data has the pattern's exact width, and java.time's general parser took
     * a quarter of the time of reading a file: such text is read by position, and LocalDateTime.of
     * rejects what STRICT resolution rejects (February 30, hour 24). Anything else still goes
     * through {@link #TIMESTAMP}, so the result is the same for every input.
     */
    private static boolean hasFixedWidthLayout(String text) {
        if (text.length() != TIMESTAMP_WIDTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static LocalDateTime fixedWidthTimestamp(String text) {
        try {
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), number(text, 20, 23) * 1_000_000);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String digits, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (digits.charAt(i) - '0');
        }
        return value;
    }

    public static String formatTimestamp(LocalDateTime time) {
        return TIMESTAMP.format(time);
    }
}
