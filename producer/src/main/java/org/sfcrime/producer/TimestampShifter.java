package org.sfcrime.producer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.sfcrime.record.CallRecordFormat;

/**
 * Moves a call forward in event time, rewriting the date fields of its JSON value in place.
 *
 * <p>call_date_time moves by the shift exactly. The day fields (call_date, report_date,
 * offense_date: midnight of a day) move by the whole days the call's date moved, so they stay at
 * midnight, and call_time follows call_date_time, so that call_date_time = call_date's day +
 * call_time still holds.
 *
 * <p>Only those values' bytes are replaced: every other byte of the value stays as the file had
 * it, escapes included, so that pass 2 differs from pass 1 in the dates alone. A day field that
 * is not a timestamp, and a date field holding an object or an array, are left as they are.
 */
final class TimestampShifter {

    private static final Set<String> DAY_FIELDS = Set.of(
            CallRecordFormat.CALL_DATE, CallRecordFormat.REPORT_DATE, CallRecordFormat.OFFENSE_DATE);

    private final JsonFactory factory = new JsonFactory();

    ReplayCall shift(ReplayCall call, Duration shift) {
        LocalDateTime callTime = ReplayCall.toWallClock(call.eventTimeMillis());
        LocalDateTime shiftedCallTime = callTime.plus(shift);
        long days = ChronoUnit.DAYS.between(callTime.toLocalDate(), shiftedCallTime.toLocalDate());
        byte[] value = call.value();
        ByteArrayOutputStream shifted = new ByteArrayOutputStream(value.length);
        int copiedUpTo = 0;
        try (JsonParser parser = factory.createParser(value)) {
            parser.nextToken();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                if (token.isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                String replacement = replacement(name, token, parser, shiftedCallTime, days);
                if (replacement != null) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    // the parser's position is the value's end once the token is read to its end
                    parser.finishToken();
                    shifted.write(value, copiedUpTo, start - copiedUpTo);
                    shifted.writeBytes(('"' + replacement + '"').getBytes(StandardCharsets.US_ASCII));
                    copiedUpTo = (int) parser.currentLocation().getByteOffset();
                }
            }
        } catch (IOException e) {
            // the value was written by CallRecordParser from a JSON object: it always parses
            throw new UncheckedIOException(e);
        }
        shifted.write(value, copiedUpTo, value.length - copiedUpTo);
        return new ReplayCall(ReplayCall.toMillis(shiftedCallTime), call.index(), call.key(), shifted.toByteArray());
    }

    /** The new text of a date field's scalar value, or null to leave the value as it is. */
    private static String replacement(String name, JsonToken token, JsonParser parser, LocalDateTime shiftedCallTime,
                                      long days) throws IOException {
        if (CallRecordFormat.CALL_DATE_TIME.equals(name)) {
            return CallRecordFormat.formatTimestamp(shiftedCallTime);
        }
        if (CallRecordFormat.CALL_TIME.equals(name)) {
            return CallRecordFormat.CALL_TIME_FORMAT.format(shiftedCallTime);
        }
        if (DAY_FIELDS.contains(name) && token == JsonToken.VALUE_STRING) {
            LocalDateTime day = CallRecordFormat.parseTimestamp(parser.getText());
            return day == null ? null : CallRecordFormat.formatTimestamp(day.plusDays(days));
        }
        return null;
    }
}
