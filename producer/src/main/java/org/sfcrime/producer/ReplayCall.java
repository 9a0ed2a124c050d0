package org.sfcrime.producer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.sfcrime.record.CallFileEntry;

/**
 * A valid call as the replay keeps it: only what it sends and orders by, so that a whole
 * file fits in memory when it has to be sorted (about 40 bytes besides key and value).
 *
 * @param eventTimeMillis call_date_time as milliseconds since 1970 read as if it were UTC:
 *                        a number for ordering and for gaps between calls, not an instant
 * @param index           0-based position of the record in the file
 * @param key             crime_id as UTF-8, the Kafka key
 * @param value           the record as compact JSON, the Kafka value
 */
public record ReplayCall(long eventTimeMillis, long index, byte[] key, byte[] value) {

    public static ReplayCall of(CallFileEntry entry) {
        return new ReplayCall(toMillis(entry.call().callDateTime()), entry.index(), entry.call().key(),
                entry.call().json());
    }

    static long toMillis(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static LocalDateTime toWallClock(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** Sent size: what the MB/s of the summary counts. */
    public int sizeBytes() {
        return key.length + value.length;
    }
}
