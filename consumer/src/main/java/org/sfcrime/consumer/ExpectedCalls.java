package org.sfcrime.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.sfcrime.record.CallFileEntry;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordFormat;

/**
 * The records of a calls file as a multiset, keyed by the {@link RecordDigest} of each record's
 * compact JSON ({@link CallRecord#json()}, the bytes the producer sends), with the count of copies
 * delivered so far. Only what the verifier needs is kept per distinct record (key, event time,
 * first file index, counts), so memory stays flat per record whatever the records' size: about
 * 150 bytes each.
 *
 * <p>The verifier's per-message work goes through a {@link DigestIndex} handle: one slot holds the
 * digest, the delivered count and where the crime_id sits in the record's bytes, so that a
 * delivered message with the right key costs one digest, one probe and a compare of the key with
 * bytes of the message itself; the {@link ExpectedCall} is read only for what is rare (a second
 * copy, a wrong key, the order check, a missing record).
 */
final class ExpectedCalls {

    /** One distinct record of the file. */
    static final class ExpectedCall {
        /** crime_id as UTF-8: the key the record must be sent with. */
        final byte[] crimeId;
        /** call_date_time as a {@link #timeKey} number, for the order check without parsing. */
        final long callTime;
        /** Where the record (its first copy) is in the file, for the report. */
        final long firstFileIndex;

        private ExpectedCall(byte[] crimeId, long callTime, long firstFileIndex) {
            this.crimeId = crimeId;
            this.callTime = callTime;
            this.firstFileIndex = firstFileIndex;
        }

        String crimeIdText() {
            return new String(crimeId, StandardCharsets.UTF_8);
        }
    }

    /** An expected record with fewer copies delivered than expected. */
    record Undelivered(ExpectedCall call, int expectedCopies, int missingCopies) {
    }

    private static final long NO_KEY_POSITION = -1;
    private static final byte[] CRIME_ID_PREFIX =
            ("\"" + CallRecordFormat.CRIME_ID + "\":\"").getBytes(StandardCharsets.UTF_8);

    /** Numbers each distinct record's digest; the number is the record's place in {@link #calls}. */
    private final DigestIndex index = new DigestIndex(1 << 16);
    private final List<ExpectedCall> calls = new ArrayList<>();
    /** Copies expected per record number, apart from {@link #calls} so that the tally of missing copies reads no call. */
    private int[] expectedCopies = new int[1 << 16];
    private final RecordDigester digester = new RecordDigester();
    private final DiscrepancyLog skipped = new DiscrepancyLog();
    private long records;

    /** Reads every record of the file; invalid ones are counted as skipped, not expected. */
    static ExpectedCalls read(CallFileReader reader) throws IOException {
        ExpectedCalls expected = new ExpectedCalls();
        for (CallFileEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if (entry.valid()) {
                expected.add(entry.call(), entry.index());
            } else {
                expected.skip(entry.index(), entry.rejectReason());
            }
        }
        return expected;
    }

    void add(CallRecord call, long fileIndex) {
        RecordDigest digest = digester.digest(call.json());
        int handle = index.add(digest.high(), digest.low());
        int number = index.number(handle);
        if (number == calls.size()) {
            calls.add(new ExpectedCall(call.key(), timeKey(call.callDateTime()), fileIndex));
            index.tag(handle, keyPosition(call.json(), call.key()));
            if (number == expectedCopies.length) {
                expectedCopies = Arrays.copyOf(expectedCopies, number * 2);
            }
        }
        expectedCopies[number]++;
        records++;
    }

    void skip(long fileIndex, String reason) {
        skipped.add(() -> Example.inFile(fileIndex, null, reason));
    }

    /** The handle of the expected record with this digest, or -1. */
    int find(RecordDigest digest) {
        return index.find(digest.high(), digest.low());
    }

    /** Counts one delivered copy of the record; returns the copies delivered so far. */
    int deliver(int handle) {
        return index.increment(handle);
    }

    /**
     * Whether the message key is the record's crime_id.
     *
     * @param record the record's compact JSON ({@link CallRecord#json()}), as the message carried it
     *               or as it was re-serialised: the bytes whose digest found {@code handle}
     */
    boolean keyMatches(int handle, byte[] key, byte[] record) {
        if (key == null) {
            return false;
        }
        long position = index.tag(handle);
        if (position == NO_KEY_POSITION) {
            return Arrays.equals(key, call(handle).crimeId);
        }
        int from = (int) (position >>> 32);
        return Arrays.equals(key, 0, key.length, record, from, from + (int) position);
    }

    /** How many copies of the record the file holds. */
    int expectedCopies(int handle) {
        return expectedCopies[index.number(handle)];
    }

    ExpectedCall call(int handle) {
        return calls.get(index.number(handle));
    }

    /** Valid records in the file, copies included. */
    long records() {
        return records;
    }

    Findings skippedInFile() {
        return new Findings(skipped.count(), skipped.findings().examples());
    }

    /** The records with fewer copies delivered than expected, in file order. */
    List<Undelivered> undelivered() {
        List<Undelivered> undelivered = new ArrayList<>();
        for (int handle : index.handles()) {
            int number = index.number(handle);
            int missing = expectedCopies[number] - index.count(handle);
            if (missing > 0) {
                undelivered.add(new Undelivered(calls.get(number), expectedCopies[number], missing));
            }
        }
        undelivered.sort(Comparator.comparingLong(missing -> missing.call().firstFileIndex));
        return undelivered;
    }

    /**
     * Where the crime_id's bytes are in the record's compact JSON, as offset (upper 32 bits) and
     * length, or {@link #NO_KEY_POSITION} when they are not there verbatim (an escaped character).
     * Any place where the exact key bytes follow {@code "crime_id":"} will do: the compare is
     * against those bytes either way.
     */
    private static long keyPosition(byte[] json, byte[] key) {
        byte[] prefix = CRIME_ID_PREFIX;
        int last = json.length - prefix.length - key.length - 1;
        for (int at = 0; at <= last; at++) {
            int from = at + prefix.length;
            if (Arrays.equals(json, at, from, prefix, 0, prefix.length)
                    && Arrays.equals(json, from, from + key.length, key, 0, key.length)
                    && json[from + key.length] == '"') {
                return (long) from << 32 | key.length;
            }
        }
        return NO_KEY_POSITION;
    }

    /**
     * A wall-clock time as one comparable number (milliseconds as if it were UTC); only compared,
     * never taken for an instant, since call_date_time carries no zone.
     */
    static long timeKey(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1000 + time.getNano() / 1_000_000;
    }

    /** A {@link #timeKey} back in the record format's pattern. */
    static String timeText(long timeKey) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(timeKey, 1000),
                (int) Math.floorMod(timeKey, 1000) * 1_000_000, ZoneOffset.UTC);
        return CallRecordFormat.formatTimestamp(time);
    }
}
