package org.sfcrime.consumer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.TopicCheck;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordParser;
import org.sfcrime.record.InvalidCallRecordException;

/**
 * Verify mode: checks that a topic holds exactly the valid records of a calls file, the way
 * Kafka's system tests check delivery (everything acknowledged is consumed, nothing twice).
 *
 * <p>It takes the end offset of every partition first, assigns them all (no group, nothing
 * committed), reads each from its beginning up to that end offset and stops: it never relies on
 * an idle timeout, and an overall {@link Deadline} bounds the run. Records are compared as
 * multisets by the {@link RecordDigest} of their bytes: a message whose bytes are those of an
 * expected record needs no parsing at all (it is valid, and its crime_id and call_date_time are
 * known from the file); only the others are parsed with {@link CallRecordParser}, to tell an
 * unexpected call from an unparseable message and to match a record sent with other spacing.
 */
final class DeliveryVerifier {

    /** One poll's wait; the loop ends at the end offsets or the deadline, whichever is first. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int MAX_KEY_CHARS = 40;

    private final Consumer<byte[], byte[]> consumer;
    private final Verification settings;
    private final PrintWriter progress;
    private final CallRecordParser parser = new CallRecordParser();
    private final RecordDigester digester = new RecordDigester();
    private final Map<Discrepancy, DiscrepancyLog> logs = new EnumMap<>(Discrepancy.class);

    // Per partition, indexed by partition number.
    private long[] startOffsets;
    private long[] endOffsets;
    private long[] messages;
    /** Event time of the previous valid message, {@link Long#MIN_VALUE} before the first. */
    private long[] previousCallTime;
    private long[] previousOffset;
    private long consumed;
    /** Messages that are a copy of an expected record, extra copies included. */
    private long copiesFound;

    /**
     * @param consumer a consumer without a group; the verifier assigns and seeks it
     * @param progress where progress lines go (stderr), never the report
     */
    DeliveryVerifier(Consumer<byte[], byte[]> consumer, Verification settings, PrintWriter progress) {
        this.consumer = consumer;
        this.settings = settings;
        this.progress = progress;
        for (Discrepancy discrepancy : Discrepancy.values()) {
            logs.put(discrepancy, new DiscrepancyLog());
        }
    }

    /**
     * Reads every partition up to its end offset at start and compares it with the file.
     *
     * @param partitions every partition of the topic, from {@link ConsumerClients#partitions}
     * @throws CommandFailure when the deadline expires first
     */
    DeliveryReport verify(ExpectedCalls expected, List<TopicPartition> partitions, Deadline deadline) {
        Deadline readTime = Deadline.after(deadline.remaining());
        snapshotOffsets(partitions, deadline);
        consumer.assign(partitions);
        // The start offsets are known: seeking to them saves the round trip of seekToBeginning.
        partitions.forEach(tp -> consumer.seek(tp, startOffsets[tp.partition()]));
        Set<TopicPartition> unfinished = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            if (endOffsets[tp.partition()] > startOffsets[tp.partition()]) {
                unfinished.add(tp);
            }
        }
        // A finished partition is paused so that messages produced since the start are not fetched.
        consumer.pause(partitions.stream().filter(tp -> !unfinished.contains(tp)).toList());
        long toRead = LongStream.of(endOffsets).sum() - LongStream.of(startOffsets).sum();
        progress.printf("Reading %d partitions of %s up to their end offsets (%d messages)%n",
                partitions.size(), settings.topic(), toRead);

        long nextProgressNanos = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
        while (!unfinished.isEmpty()) {
            if (deadline.expired()) {
                throw new CommandFailure(timeoutMessage(deadline, unfinished, toRead));
            }
            check(consumer.poll(deadline.remainingAtMost(POLL_INTERVAL)), expected);
            markFinished(unfinished, deadline);
            if (System.nanoTime() - nextProgressNanos >= 0) {
                progress.printf("Read %d of %d messages%n", consumed, toRead);
                nextProgressNanos += PROGRESS_INTERVAL_NANOS;
            }
        }
        tallyMissing(expected);
        return report(expected, partitions, readTime.elapsed());
    }

    private void snapshotOffsets(List<TopicPartition> partitions, Deadline deadline) {
        int slots = partitions.stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1;
        startOffsets = new long[slots];
        endOffsets = new long[slots];
        messages = new long[slots];
        previousCallTime = new long[slots];
        previousOffset = new long[slots];
        Arrays.fill(previousCallTime, Long.MIN_VALUE);
        try {
            consumer.beginningOffsets(partitions, deadline.remaining()).forEach((tp, offset) -> startOffsets[tp.partition()] = offset);
            consumer.endOffsets(partitions, deadline.remaining()).forEach((tp, offset) -> endOffsets[tp.partition()] = offset);
        } catch (TimeoutException e) {
            throw new CommandFailure("timed out after " + TopicCheck.seconds(deadline.budget())
                    + " asking for the offsets of " + settings.topic() + " (raise --timeout-ms or check the broker)");
        }
    }

    /** Messages past the end offsets taken at start were produced since: not part of this verification. */
    private void check(ConsumerRecords<byte[], byte[]> records, ExpectedCalls expected) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < endOffsets[record.partition()]) {
                check(record, expected);
            }
        }
    }

    private void check(ConsumerRecord<byte[], byte[]> record, ExpectedCalls expected) {
        int partition = record.partition();
        messages[partition]++;
        consumed++;
        byte[] value = record.value();
        int handle = value == null ? -1 : expected.find(digester.digest(value));
        if (handle < 0) {
            checkUnmatched(record, expected);
            return;
        }
        countCopy(record, expected, handle, value);
    }

    /** The bytes are no expected record's: parse them to tell what they are. */
    private void checkUnmatched(ConsumerRecord<byte[], byte[]> record, ExpectedCalls expected) {
        CallRecord parsed;
        try {
            parsed = parser.parseMessage(record.value());
        } catch (InvalidCallRecordException e) {
            logs.get(Discrepancy.UNPARSEABLE).add(() ->
                    Example.inTopic(record.partition(), record.offset(), null, e.getMessage()));
            return;
        }
        // The same record with other spacing between its tokens is still the record.
        int handle = expected.find(digester.digest(parsed.json()));
        if (handle >= 0) {
            countCopy(record, expected, handle, parsed.json());
            return;
        }
        logs.get(Discrepancy.UNEXPECTED).add(() -> Example.inTopic(record.partition(), record.offset(),
                parsed.crimeId(), "not in the file"));
        checkKey(record, parsed.key(), parsed.crimeId());
        checkOrder(record, ExpectedCalls.timeKey(parsed.callDateTime()));
    }

    /** The usual case reads only the record's slot in the index; the call itself only for what is rare. */
    private void countCopy(ConsumerRecord<byte[], byte[]> record, ExpectedCalls expected, int handle, byte[] json) {
        copiesFound++;
        int delivered = expected.deliver(handle);
        if (delivered > 1 && delivered > expected.expectedCopies(handle)) {
            ExpectedCalls.ExpectedCall call = expected.call(handle);
            logs.get(Discrepancy.DUPLICATED).add(() -> Example.inTopic(record.partition(), record.offset(),
                    call.crimeIdText(), "extra copy of file index " + call.firstFileIndex));
        }
        if (!expected.keyMatches(handle, record.key(), json)) {
            ExpectedCalls.ExpectedCall call = expected.call(handle);
            checkKey(record, call.crimeId, null);
        }
        if (settings.checkOrder()) {
            checkOrder(record, expected.call(handle).callTime);
        }
    }

    private void checkKey(ConsumerRecord<byte[], byte[]> record, byte[] crimeId, String crimeIdText) {
        if (!Arrays.equals(record.key(), crimeId)) {
            logs.get(Discrepancy.WRONG_KEY).add(() -> {
                String id = crimeIdText != null ? crimeIdText : new String(crimeId, StandardCharsets.UTF_8);
                return Example.inTopic(record.partition(), record.offset(), id, "key " + keyText(record.key()));
            });
        }
    }

    private void checkOrder(ConsumerRecord<byte[], byte[]> record, long callTime) {
        if (!settings.checkOrder()) {
            return;
        }
        int partition = record.partition();
        long previous = previousCallTime[partition];
        long previousAt = previousOffset[partition];
        if (callTime < previous) {
            logs.get(Discrepancy.OUT_OF_ORDER).add(() -> Example.inTopic(partition, record.offset(), null,
                    "call_date_time " + ExpectedCalls.timeText(callTime) + " after "
                            + ExpectedCalls.timeText(previous) + " at offset " + previousAt));
        }
        // Each step back is one violation, measured from the message just before.
        previousCallTime[partition] = callTime;
        previousOffset[partition] = record.offset();
    }

    private void markFinished(Set<TopicPartition> unfinished, Deadline deadline) {
        List<TopicPartition> finished = new ArrayList<>();
        for (TopicPartition tp : unfinished) {
            try {
                // After a poll the position is known locally; the bound only guards a reset.
                if (consumer.position(tp, deadline.remainingAtMost(POLL_INTERVAL)) >= endOffsets[tp.partition()]) {
                    finished.add(tp);
                }
            } catch (TimeoutException notYet) {
                // the next round, or the deadline, decides
            }
        }
        if (!finished.isEmpty()) {
            finished.forEach(unfinished::remove);
            consumer.pause(finished);
        }
    }

    /** Every expected copy not delivered is missing; the examples are the first ones in the file. */
    private void tallyMissing(ExpectedCalls expected) {
        if (copiesFound - logs.get(Discrepancy.DUPLICATED).count() == expected.records()) {
            return; // every expected copy was found: no need to scan the table for missing ones
        }
        DiscrepancyLog log = logs.get(Discrepancy.MISSING);
        for (ExpectedCalls.Undelivered undelivered : expected.undelivered()) {
            ExpectedCalls.ExpectedCall call = undelivered.call();
            int copies = undelivered.missingCopies();
            int expectedCopies = undelivered.expectedCopies();
            log.add(copies, () -> Example.inFile(call.firstFileIndex, call.crimeIdText(),
                    expectedCopies == 1 ? null : copies + " of " + expectedCopies + " copies missing"));
        }
    }

    private DeliveryReport report(ExpectedCalls expected, List<TopicPartition> partitions, Duration elapsed) {
        List<PartitionCount> counts = partitions.stream()
                .map(tp -> new PartitionCount(tp.partition(), startOffsets[tp.partition()],
                        endOffsets[tp.partition()], messages[tp.partition()]))
                .toList();
        Map<Discrepancy, Findings> findings = new EnumMap<>(Discrepancy.class);
        logs.forEach((discrepancy, log) -> findings.put(discrepancy, log.findings()));
        findings.put(Discrepancy.SKIPPED_IN_FILE, expected.skippedInFile());
        long delivered = expected.records() - findings.get(Discrepancy.MISSING).count();
        return new DeliveryReport(settings.topic(), settings.file(), settings.checkOrder(),
                new DeliveryReport.Totals(expected.records(), consumed, delivered, elapsed.toMillis()),
                counts, findings);
    }

    private String timeoutMessage(Deadline deadline, Set<TopicPartition> unfinished, long toRead) {
        String positions = unfinished.stream()
                .map(tp -> "partition " + tp.partition() + " read " + messages[tp.partition()] + " of "
                        + (endOffsets[tp.partition()] - startOffsets[tp.partition()]))
                .collect(Collectors.joining(", "));
        return "verify timed out after " + TopicCheck.seconds(deadline.budget()) + " having read " + consumed
                + " of " + toRead + " messages (" + positions + "); raise --timeout-ms or check the broker";
    }

    private static String keyText(byte[] key) {
        if (key == null) {
            return "null";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return "'" + (text.length() <= MAX_KEY_CHARS ? text : text.substring(0, MAX_KEY_CHARS - 3) + "...") + "'";
    }
}
