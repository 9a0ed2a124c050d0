package org.sfcrime.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sfcrime.record.CallFileEntry;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordFormat;

/**
 * The records of a calls file as a multiset, keyed by the {@link RecordDigest} of each record's
 * compact JSON ({@link CallRecord#json()}, the bytes the producer sends), with the count of copies
 * delivered so far. Only what the verifier needs is kept per distinct record (key, event time,
 * first file index, counts), so memory stays flat per record whatever the records' size.
 */
final class ExpectedCalls {

    /** One distinct record of the file, with its copies expected and delivered. */
    static final class ExpectedCall {
        /** crime_id as UTF-8: the key the record must be sent with. */
        final byte[] crimeId;
        /** call_date_time as a {@link #timeKey} number, for the order check without parsing. */
        final long callTime;
        /** Where the record (its first copy) is in the file, for the report. */
        final long firstFileIndex;
        /** Copies of the record in the file. */
        int expectedCopies;
        /** Copies of the record found in the topic so far. */
        int deliveredCopies;

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

    /** The distinct records in the order they first appear in the file. */
    private final Map<RecordDigest, ExpectedCall> calls = new LinkedHashMap<>();
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
        calls.computeIfAbsent(digester.digest(call.json()),
                digest -> new ExpectedCall(call.key(), timeKey(call.callDateTime()), fileIndex)).expectedCopies++;
        records++;
    }

    void skip(long fileIndex, String reason) {
        skipped.add(() -> Example.inFile(fileIndex, null, reason));
    }

    /** The expected record with this digest, or null. */
    ExpectedCall find(RecordDigest digest) {
        return calls.get(digest);
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
        for (ExpectedCall call : calls.values()) {
            int missing = call.expectedCopies - call.deliveredCopies;
            if (missing > 0) {
                undelivered.add(new Undelivered(call, call.expectedCopies, missing));
            }
        }
        return undelivered;
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
