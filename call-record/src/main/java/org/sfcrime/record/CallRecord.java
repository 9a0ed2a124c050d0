package org.sfcrime.record;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * One validated call: the fields the pipeline keys and orders by, plus the whole record as
 * compact UTF-8 JSON exactly as it is sent to Kafka.
 *
 * @param crimeId      the record's {@code crime_id}, used as the Kafka message key
 * @param callDateTime the record's event time ({@code call_date_time}, wall-clock)
 * @param json         the record as compact JSON, fields in their original order
 */
public record CallRecord(String crimeId, LocalDateTime callDateTime, byte[] json) {

    public byte[] key() {
        return crimeId.getBytes(StandardCharsets.UTF_8);
    }
}
