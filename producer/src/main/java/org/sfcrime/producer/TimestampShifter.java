package org.sfcrime.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.sfcrime.record.CallRecordFormat;

/**
 * Moves a call forward in event time, rewriting the date fields of its JSON value.
 *
 * <p>call_date_time moves by the shift exactly. The day fields (call_date, report_date,
 * offense_date: midnight of a day) move by the whole days the call's date moved, so they stay at
 * midnight, and call_time follows call_date_time, so that call_date_time = call_date's day +
 * call_time still holds. Other fields and the field order are unchanged.
 */
final class TimestampShifter {

    private static final List<String> DAY_FIELDS = List.of(
            CallRecordFormat.CALL_DATE, CallRecordFormat.REPORT_DATE, CallRecordFormat.OFFENSE_DATE);

    private final ObjectMapper mapper = new ObjectMapper();

    ReplayCall shift(ReplayCall call, Duration shift) {
        try {
            ObjectNode record = (ObjectNode) mapper.readTree(call.value());
            LocalDateTime callTime = ReplayCall.toWallClock(call.eventTimeMillis());
            LocalDateTime shiftedCallTime = callTime.plus(shift);
            long days = ChronoUnit.DAYS.between(callTime.toLocalDate(), shiftedCallTime.toLocalDate());
            record.put(CallRecordFormat.CALL_DATE_TIME, CallRecordFormat.formatTimestamp(shiftedCallTime));
            if (record.has(CallRecordFormat.CALL_TIME)) {
                record.put(CallRecordFormat.CALL_TIME, CallRecordFormat.CALL_TIME_FORMAT.format(shiftedCallTime));
            }
            for (String field : DAY_FIELDS) {
                JsonNode value = record.get(field);
                // a day field that is missing or not a timestamp is left as the file had it
                LocalDateTime day = value == null ? null : CallRecordFormat.parseTimestamp(value.asText());
                if (day != null) {
                    record.put(field, CallRecordFormat.formatTimestamp(day.plusDays(days)));
                }
            }
            return new ReplayCall(ReplayCall.toMillis(shiftedCallTime), call.index(), call.key(),
                    mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            // the value was written by CallRecordParser from a JSON object: it always parses
            throw new UncheckedIOException(e);
        }
    }
}
