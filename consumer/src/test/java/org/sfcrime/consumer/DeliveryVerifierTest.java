package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sfcrime.consumer.CallFixtures.reportCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.record.CallRecord;
import org.sfcrime.record.CallRecordFormat;

/** The verifier's multiset comparison, driven by a MockConsumer. */
class DeliveryVerifierTest {

    private static final int CALLS = 30;
    private final List<CallRecord> calls = CallFixtures.calls(CALLS);

    /** Every call once, call i on partition i % 3: each partition in event-time order. */
    private MockTopic exactTopic() {
        MockTopic topic = new MockTopic(3);
        for (int i = 0; i < CALLS; i++) {
            topic.add(i % 3, calls.get(i));
        }
        return topic;
    }

    private ExpectedCalls expected(List<CallRecord> records) {
        ExpectedCalls expected = new ExpectedCalls();
        for (int i = 0; i < records.size(); i++) {
            expected.add(records.get(i), i);
        }
        return expected;
    }

    private DeliveryReport verify(MockTopic topic, ExpectedCalls expected, boolean checkOrder) {
        MockConsumer<byte[], byte[]> consumer = topic.consumer();
        Verification settings = new Verification(MockTopic.NAME, "calls.json", checkOrder, ReportFormat.TEXT,
                Duration.ofSeconds(10));
        PrintWriter progress = new PrintWriter(new StringWriter(), true);
        return new DeliveryVerifier(consumer, settings, progress)
                .verify(expected, topic.topicPartitions(), Deadline.after(settings.timeout()));
    }

    /** Every count of the report by its JSON name, for one exact assertion. */
    private static Map<String, Long> counts(DeliveryReport report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("expected", report.totals().expected());
        counts.put("consumed", report.totals().consumed());
        counts.put("delivered", report.totals().delivered());
        for (Discrepancy discrepancy : Discrepancy.values()) {
            counts.put(discrepancy.key(), report.count(discrepancy));
        }
        return counts;
    }

    private static List<Example> examples(DeliveryReport report, Discrepancy discrepancy) {
        return report.discrepancies().get(discrepancy).examples();
    }

    @Test
    void exactDeliveryHasNoDiscrepanciesAndCountsEveryPartition() {
        DeliveryReport report = verify(exactTopic(), expected(calls), true);

        assertTrue(report.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L)), counts(report));
        assertEquals(List.of(new PartitionCount(0, 0, 10, 10), new PartitionCount(1, 0, 10, 10),
                new PartitionCount(2, 0, 10, 10)), report.partitions());
    }

    @Test
    void reportsMissingRecordWithItsFileIndexAndCrimeId() {
        MockTopic topic = new MockTopic(3);
        for (int i = 0; i < CALLS; i++) {
            if (i != 7) {
                topic.add(i % 3, calls.get(i));
            }
        }

        DeliveryReport report = verify(topic, expected(calls), false);

        assertFalse(report.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 29L, "delivered", 29L, "missing", 1L)),
                counts(report));
        assertEquals(List.of(Example.inFile(7, "182751014", null)), examples(report, Discrepancy.MISSING));
    }

    @Test
    void reportsExtraCopyAsDuplicatedWithItsPartitionAndOffset() {
        // Call 4 is at partition 1 offset 1; the copy read later is the extra one.
        DeliveryReport report = verify(exactTopic().add(1, calls.get(4)), expected(calls), false);

        assertFalse(report.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 31L, "delivered", 30L, "duplicated", 1L)),
                counts(report));
        assertEquals(List.of(Example.inTopic(1, 10, "182751011", "extra copy of file index 4")),
                examples(report, Discrepancy.DUPLICATED));
    }

    @Test
    void reportsValidCallNotInFileAsUnexpected() {
        CallRecord foreign = CallFixtures.call(500);
        DeliveryReport report = verify(exactTopic().add(1, foreign), expected(calls), false);

        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 31L, "delivered", 30L, "unexpected", 1L)),
                counts(report));
        assertEquals(List.of(Example.inTopic(1, 10, "182751507", "not in the file")),
                examples(report, Discrepancy.UNEXPECTED));
    }

    @Test
    void reportsNonJsonAndInvalidCallsAsUnparseableWithTheReason() {
        MockTopic topic = exactTopic()
                .add(0, "k", "this is not JSON")
                .add(0, "k", "{\"crime_id\":\"1\",\"call_date_time\":\"2018-02-30T00:00:00.000\"}")
                .add(0, (byte[]) null, (byte[]) null);

        DeliveryReport report = verify(topic, expected(calls), false);

        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 33L, "delivered", 30L, "unparseable", 3L)),
                counts(report));
        List<Example> examples = examples(report, Discrepancy.UNPARSEABLE);
        assertEquals(Example.inTopic(0, 10, null, "not JSON"), examples.get(0));
        assertEquals(Example.inTopic(0, 11, null,
                "unparseable call_date_time '2018-02-30T00:00:00.000' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)"), examples.get(1));
        assertEquals(Example.inTopic(0, 12, null, "null value"), examples.get(2));
    }

    @Test
    void reportsKeyThatIsNotTheCrimeIdAsWrongKeyWhileStillDelivered() {
        MockTopic topic = new MockTopic(3);
        for (int i = 0; i < CALLS; i++) {
            topic.add(i % 3, i == 5 ? "999".getBytes(StandardCharsets.UTF_8) : calls.get(i).key(), calls.get(i).json());
        }

        DeliveryReport report = verify(topic, expected(calls), false);

        assertFalse(report.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L, "wrong_key", 1L)),
                counts(report));
        assertEquals(List.of(Example.inTopic(2, 1, "182751012", "key '999'")), examples(report, Discrepancy.WRONG_KEY));
    }

    /** The key is compared with the crime_id's bytes inside the message: keys that nearly match are still wrong. */
    @Test
    void reportsKeysThatNearlyMatchTheCrimeIdAndNullKeysAsWrongKey() {
        Map<Integer, byte[]> wrongKeys = Map.of(
                4, "18275101".getBytes(StandardCharsets.UTF_8),      // one digit short
                7, "1827510140".getBytes(StandardCharsets.UTF_8),    // one digit more
                8, "\"182751015\"".getBytes(StandardCharsets.UTF_8)); // with the JSON quotes
        MockTopic topic = new MockTopic(3);
        for (int i = 0; i < CALLS; i++) {
            byte[] key = i == 10 ? null : wrongKeys.getOrDefault(i, calls.get(i).key());
            topic.add(i % 3, key, calls.get(i).json());
        }

        DeliveryReport report = verify(topic, expected(calls), false);

        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L, "wrong_key", 4L)),
                counts(report));
        assertEquals(Set.of(Example.inTopic(1, 1, "182751011", "key '18275101'"),
                        Example.inTopic(1, 2, "182751014", "key '1827510140'"),
                        Example.inTopic(2, 2, "182751015", "key '\"182751015\"'"),
                        Example.inTopic(1, 3, "182751017", "key null")),
                Set.copyOf(examples(report, Discrepancy.WRONG_KEY)));
    }

    /** A crime_id that JSON escapes is not found verbatim in the record: its key is compared with the crime_id itself. */
    @Test
    void checksTheKeyOfACrimeIdThatJsonEscapes() {
        CallRecord quoted = CallFixtures.parse(CallFixtures.callJson(0).with(CallRecordFormat.CRIME_ID, "18\"2751").json());
        MockTopic topic = new MockTopic(1);
        topic.add(0, quoted.key(), quoted.json());
        topic.add(0, "18\\\"2751".getBytes(StandardCharsets.UTF_8), quoted.json()); // the escaped form is not the key

        DeliveryReport report = verify(topic, expected(List.of(quoted, quoted)), false);

        assertEquals(reportCounts(Map.of("expected", 2L, "consumed", 2L, "delivered", 2L, "wrong_key", 1L)),
                counts(report));
        assertEquals(List.of(Example.inTopic(0, 1, "18\"2751", "key '18\\\"2751'")),
                examples(report, Discrepancy.WRONG_KEY));
    }

    @Test
    void reportsCallDateTimeGoingBackWithinAPartitionOnlyWhenOrderIsChecked() {
        MockTopic topic = new MockTopic(3);
        for (int i = 0; i < CALLS; i++) {
            // calls 9 and 12 swap places on partition 0 (offsets 3 and 4)
            int index = i == 9 ? 12 : i == 12 ? 9 : i;
            topic.add(i % 3, calls.get(index));
        }

        DeliveryReport checked = verify(topic, expected(calls), true);
        DeliveryReport unchecked = verify(topic, expected(calls), false);

        assertFalse(checked.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L, "out_of_order", 1L)),
                counts(checked));
        assertEquals(List.of(Example.inTopic(0, 4, null,
                        "call_date_time 2018-10-02T09:20:00.000 after 2018-10-02T09:23:00.000 at offset 3")),
                examples(checked, Discrepancy.OUT_OF_ORDER));
        assertTrue(unchecked.exact());
    }

    @Test
    void countsSameRecordWithOtherSpacingAsDelivered() throws Exception {
        MockTopic topic = new MockTopic(3);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < CALLS; i++) {
            JsonNode tree = mapper.readTree(calls.get(i).json());
            byte[] value = i == 3 ? mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree) : calls.get(i).json();
            topic.add(i % 3, calls.get(i).key(), value);
        }

        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L)),
                counts(verify(topic, expected(calls), true)));
    }

    @Test
    void treatsIdenticalRecordsInTheFileAsAMultiset() {
        List<CallRecord> withRepeat = new java.util.ArrayList<>(calls);
        withRepeat.add(calls.get(2)); // the same record twice in the file: two copies expected

        DeliveryReport oneCopy = verify(exactTopic(), expected(withRepeat), false);
        DeliveryReport twoCopies = verify(exactTopic().add(2, calls.get(2)), expected(withRepeat), false);

        assertEquals(reportCounts(Map.of("expected", 31L, "consumed", 30L, "delivered", 30L, "missing", 1L)),
                counts(oneCopy));
        assertEquals(List.of(Example.inFile(2, "182751009", "1 of 2 copies missing")), examples(oneCopy, Discrepancy.MISSING));
        assertTrue(twoCopies.exact());
    }

    @Test
    void countsInvalidFileRecordsAsSkippedWithoutBreakingDelivery() {
        ExpectedCalls expected = expected(calls);
        expected.skip(30, "missing crime_id");

        DeliveryReport report = verify(exactTopic(), expected, false);

        assertTrue(report.exact());
        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 30L, "delivered", 30L, "skipped_in_file", 1L)),
                counts(report));
        assertEquals(List.of(Example.inFile(30, null, "missing crime_id")), examples(report, Discrepancy.SKIPPED_IN_FILE));
    }

    @Test
    void keepsAtMostTenExamplesButCountsAll() {
        DeliveryReport report = verify(new MockTopic(3), expected(calls), false);

        assertEquals(reportCounts(Map.of("expected", 30L, "consumed", 0L, "delivered", 0L, "missing", 30L)),
                counts(report));
        List<Example> missing = examples(report, Discrepancy.MISSING);
        assertEquals(10, missing.size());
        assertEquals(Example.inFile(0, "182751007", null), missing.get(0));
        assertEquals(Example.inFile(9, "182751016", null), missing.get(9));
    }

    @Test
    void readsOnlyUpToTheEndOffsetsTakenAtStart() {
        MockTopic topic = exactTopic();
        MockConsumer<byte[], byte[]> consumer = topic.consumer();
        // A message produced after the start (offset 10 >= end offset 10) must not be counted.
        consumer.schedulePollTask(() -> consumer.addRecord(new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                MockTopic.NAME, 0, 10, "x".getBytes(StandardCharsets.UTF_8), "late".getBytes(StandardCharsets.UTF_8))));
        Verification settings = new Verification(MockTopic.NAME, "calls.json", false, ReportFormat.TEXT,
                Duration.ofSeconds(10));

        DeliveryReport report = new DeliveryVerifier(consumer, settings, new PrintWriter(new StringWriter()))
                .verify(expected(calls), topic.topicPartitions(), Deadline.after(settings.timeout()));

        assertTrue(report.exact());
        assertEquals(30, report.totals().consumed());
    }

    @Test
    void failsWithPositionsWhenTheDeadlineExpiresBeforeTheEndOffsets() {
        MockTopic topic = exactTopic();
        MockConsumer<byte[], byte[]> consumer = topic.consumer();
        consumer.updateEndOffsets(Map.of(topic.topicPartitions().get(1), 15L)); // 5 messages never arrive
        Verification settings = new Verification(MockTopic.NAME, "calls.json", false, ReportFormat.TEXT,
                Duration.ofMillis(300));
        DeliveryVerifier verifier = new DeliveryVerifier(consumer, settings, new PrintWriter(new StringWriter()));

        CommandFailure failure = assertThrows(CommandFailure.class, () ->
                verifier.verify(expected(calls), topic.topicPartitions(), Deadline.after(settings.timeout())));

        assertEquals("verify timed out after 0.3 s having read 30 of 35 messages (partition 1 read 10 of 15); "
                + "raise --timeout-ms or check the broker", failure.getMessage());
    }

    @Test
    void jsonReportCarriesTheSameNumbersAsTheReport() throws Exception {
        DeliveryReport report = verify(exactTopic().add(1, calls.get(4)).add(0, "k", "junk"), expected(calls), true);

        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(report));

        assertFalse(json.get("exact").asBoolean());
        Map<String, Long> jsonCounts = new LinkedHashMap<>();
        json.get("counts").fields().forEachRemaining(field -> jsonCounts.put(field.getKey(), field.getValue().asLong()));
        assertEquals(new java.util.TreeMap<>(counts(report)), new java.util.TreeMap<>(jsonCounts));
        assertEquals(1, json.get("partitions").get(1).get("partition").asInt());
        assertEquals(11, json.get("partitions").get(1).get("messages").asLong());
        assertEquals(10, json.get("examples").get("duplicated").get(0).get("offset").asLong());
        assertEquals("not JSON", json.get("examples").get("unparseable").get(0).get("detail").asText());
    }
}
