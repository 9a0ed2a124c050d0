package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.KafkaFailures;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.testing.CallJson;

/** The replay loop against Kafka's MockProducer: order, selection, rejects, failures, pacing, loops. */
class ReplayerTest {

    private static final String TOPIC = "police.department.calls";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);


    private static final LocalDateTime T0 = CallFixtures.FIRST_CALL;

    @Test
    void sendsNewestFirstFileInAscendingCallDateTime() {
        List<String> calls = CallFixtures.newestFirst(5);
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options(), CallJson.jsonArray(calls));

        assertEquals(List.of(calls.get(4), calls.get(3), calls.get(2), calls.get(1), calls.get(0)), values(producer));
        assertEquals(List.of("183653759", "183653760", "183653761", "183653762", "183653763"), keys(producer));
        assertEquals(0, summary.exitCode());
        assertEquals(5, summary.acknowledged);
    }

    @Test
    void fileOrderSendsRecordsAsTheyAppearInTheFile() {
        List<String> calls = CallFixtures.newestFirst(4);
        MockProducer<byte[], byte[]> producer = autoCompleting();

        replay(producer, options("--order", "file"), CallJson.ndjson(calls));

        assertEquals(calls, values(producer));
    }

    /** A file in mixed order, and one newest first as the DataSF extract is. */
    static Stream<Arguments> filesWithEqualCallTimes() {
        return Stream.of(
                Arguments.of(Named.of("mixed order", List.of(
                        CallJson.call("5", T0).json(),
                        CallJson.call("1", T0.minusMinutes(1)).json(),
                        CallJson.call("2", T0.minusMinutes(1)).json(),
                        CallJson.call("9", T0.minusMinutes(2)).json(),
                        CallJson.call("3", T0.minusMinutes(1)).json())),
                        List.of("9", "1", "2", "3", "5")),
                Arguments.of(Named.of("newest first", List.of(
                        CallJson.call("5", T0).json(),
                        CallJson.call("4", T0.minusMinutes(1)).json(),
                        CallJson.call("6", T0.minusMinutes(1)).json(),
                        CallJson.call("7", T0.minusMinutes(1)).json(),
                        CallJson.call("3", T0.minusMinutes(2)).json(),
                        CallJson.call("1", T0.minusMinutes(3)).json(),
                        CallJson.call("2", T0.minusMinutes(3)).json())),
                        List.of("1", "2", "3", "4", "6", "7", "5")));
    }

    @ParameterizedTest
    @MethodSource("filesWithEqualCallTimes")
    void equalCallTimesKeepTheirFileOrder(List<String> calls, List<String> expectedKeys) {
        MockProducer<byte[], byte[]> producer = autoCompleting();

        replay(producer, options(), CallJson.jsonArray(calls));

        assertEquals(expectedKeys, keys(producer));
    }

    @Test
    void skipAndLimitApplyAfterOrdering() {
        List<String> calls = CallFixtures.newestFirst(10);
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options("--skip", "2", "--limit", "3"), CallJson.jsonArray(calls));

        // ascending order is index 9, 8, 7, ...: skip 9 and 8, send 7, 6, 5
        assertEquals(List.of(calls.get(7), calls.get(6), calls.get(5)), values(producer));
        assertEquals(5, summary.read);
        assertEquals(3, summary.sent);
        assertEquals(2, summary.skippedByOption);
        assertEquals(0, summary.exitCode());
    }

    @Test
    void invalidRecordsAreSkippedCountedAndListedWithIndexAndReason() {
        List<String> calls = new ArrayList<>(CallFixtures.newestFirst(4));
        calls.add(1, CallJson.call("111", CallFixtures.FIRST_CALL).without(CallRecordFormat.CALL_DATE_TIME).json());
        calls.add(4, "{\"call_date_time\":\"2018-12-31T23:00:00.000\"}");
        StringWriter rejects = new StringWriter();
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options(), CallJson.jsonArray(calls),
                new RejectLog("fixture", rejects, false));

        assertEquals("{\"index\":1,\"reason\":\"missing call_date_time\"}\n"
                + "{\"index\":4,\"reason\":\"missing crime_id\"}\n", rejects.toString());
        assertEquals(6, summary.read);
        assertEquals(4, summary.sent);
        assertEquals(2, summary.invalid);
        assertEquals(0, summary.exitCode(), "skipped invalid records alone do not fail the run");
    }

    @Test
    void strictStopsAtTheFirstInvalidRecordAfterSendingTheRecordsBeforeIt() {
        List<String> calls = new ArrayList<>(CallFixtures.newestFirst(4));
        calls.add(2, CallJson.call("111", CallFixtures.FIRST_CALL).without(CallRecordFormat.CALL_DATE_TIME).json());
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options("--order", "file", "--strict"),
                CallJson.ndjson(calls));

        assertEquals(List.of(calls.get(0), calls.get(1)), values(producer));
        assertEquals("fixture: record 2 is invalid (missing call_date_time) and --strict stops at the first"
                + " invalid record", summary.stopError);
        assertEquals(1, summary.exitCode());
        assertTrue(summary.reconciles());
    }

    @Test
    void strictInEventTimeOrderSendsNothing() {
        List<String> calls = new ArrayList<>(CallFixtures.newestFirst(4));
        calls.add(3, CallJson.call("111", CallFixtures.FIRST_CALL).without(CallRecordFormat.CALL_DATE_TIME).json());
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options("--strict"), CallJson.jsonArray(calls));

        assertEquals(List.of(), values(producer));
        assertEquals(1, summary.exitCode());
        assertEquals(1, summary.read);
        assertEquals(1, summary.invalid);
    }

    @Test
    void brokenJsonIsReportedWithIndexAndOffsetAfterTheRecordsBeforeItWereAcknowledged() {
        List<String> calls = CallFixtures.newestFirst(3);
        String broken = "[\n    " + String.join(",\n    ", calls) + ",\n    {\"crime_id\": oops}\n]\n";
        for (ReplayOrder order : ReplayOrder.values()) {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                    new ByteArraySerializer());

            ReplaySummary summary = replay(producer, options("--order", order.toString()), broken);

            assertEquals(3, producer.history().size(), order.toString());
            assertEquals(3, summary.acknowledged, order.toString());
            assertEquals("fixture: malformed JSON at record 3, byte offset " + broken.indexOf("oops")
                    + ": Unrecognized token 'oops': was expecting (JSON String, Number, Array, Object or token"
                    + " 'null', 'true' or 'false')", summary.stopError, order.toString());
            assertEquals(1, summary.exitCode());
            assertTrue(summary.lines().get(summary.lines().size() - 1).startsWith("error: fixture: malformed JSON at record 3"));
        }
    }

    @Test
    void summaryReconcilesReadSentSkippedAcknowledgedAndFailed() {
        List<String> calls = new ArrayList<>(CallFixtures.newestFirst(8));
        calls.add(0, CallJson.call("111", CallFixtures.FIRST_CALL).without(CallRecordFormat.CALL_DATE_TIME).json());
        FailingProducer producer = new FailingProducer(6);

        ReplaySummary summary = replay(producer, options("--skip", "1"), CallJson.jsonArray(calls));

        assertEquals(List.of(8L, 6L, 5L, 1L, 2L), List.of(summary.read, summary.sent, summary.acknowledged,
                summary.failed, summary.skipped()));
        assertTrue(summary.reconciles());
    }

    @Test
    void aFailedSendFailsTheRunAndStopsIt() {
        FailingProducer producer = new FailingProducer(2);

        ReplaySummary summary = replay(producer, options(), CallJson.jsonArray(CallFixtures.newestFirst(5)));

        assertEquals(2, summary.sent);
        assertEquals(1, summary.acknowledged);
        assertEquals(1, summary.failed);
        assertEquals("RecordTooLargeException: rejected by the test", summary.firstFailure);
        assertEquals(1, summary.exitCode());
        assertEquals("error: 1 of 2 records were not acknowledged (the replay stops at the first failure);"
                + " first failure: RecordTooLargeException: rejected by the test",
                summary.lines().get(summary.lines().size() - 1));
    }

    @Test
    void aSendThatThrowsAfterItsRecordWasAppendedIsCountedOnceAndExplained() {
        // A producer refused its producer id: it appends the record, then throws, and later fails the
        // appended record's batch through the callback, as Kafka's does in that fatal state.
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                super.send(record, callback);
                errorNext(new ClusterAuthorizationException("Cluster authorization failed."));
                throw new KafkaException("Cannot execute transactional method because we are in an error state");
            }
        };
        ClientSettings settings = new ClientSettings(Map.of("bootstrap.servers", "b:9092", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"consumer\" password=\"p\";"));

        ReplaySummary summary = new Replayer(producer, TOPIC, options(), CLOSE_TIMEOUT)
                .withFailures(new KafkaFailures(settings))
                .replay("fixture", source(options(), CallJson.jsonArray(CallFixtures.newestFirst(5))));

        assertEquals(1, summary.sent);
        assertEquals(1, summary.failed);
        assertEquals(0, summary.acknowledged);
        assertEquals("error: 1 of 1 records were not acknowledged (the replay stops at the first failure);"
                + " first failure: user consumer is not authorized to write topic " + TOPIC,
                summary.lines().get(summary.lines().size() - 1));
    }

    @Test
    void sendsThatFailAtFlushAreCountedAsFailed() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                errorNext(new NetworkException("broker gone"));
                super.flush();
            }
        };

        ReplaySummary summary = replay(producer, options(), CallJson.jsonArray(CallFixtures.newestFirst(5)));

        assertEquals(5, summary.sent);
        assertEquals(4, summary.acknowledged);
        assertEquals(1, summary.failed);
        assertEquals("NetworkException: broker gone", summary.firstFailure);
        assertEquals(1, summary.exitCode());
    }

    @Test
    void rateSpacesSendsEvenlyFromTheFirstRecord() {
        FakeClock clock = new FakeClock();
        List<Long> sendTimes = new ArrayList<>();
        MockProducer<byte[], byte[]> producer = recordingSendTimes(clock, sendTimes);
        CallSource source = source(options("--rate", "4"), CallJson.jsonArray(CallFixtures.newestFirst(5)));

        ReplaySummary summary = new Replayer(producer, TOPIC, options("--rate", "4"), CLOSE_TIMEOUT).withClock(clock)
                .replay("fixture", source);

        long first = sendTimes.get(0);
        assertEquals(List.of(0L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L),
                sendTimes.stream().map(time -> time - first).toList());
        assertEquals(1_000_000_000L, summary.elapsedNanos);
    }

    @Test
    void aStallIsMadeUpByABurstOfAtMostOneSecondOfRecords() {
        FakeClock clock = new FakeClock();
        List<Long> sendTimes = new ArrayList<>();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                sendTimes.add(clock.nanoTime());
                if (sendTimes.size() == 3) {
                    clock.sleepNanos(5_000_000_000L); // blocked, as while the broker restarts
                }
                return super.send(record, callback);
            }
        };
        ReplayOptions config = options("--rate", "10");

        new Replayer(producer, TOPIC, config, CLOSE_TIMEOUT).withClock(clock).replay("fixture",
                source(config, CallJson.jsonArray(CallFixtures.newestFirst(15))));

        long first = sendTimes.get(0);
        List<Long> millis = sendTimes.stream().map(time -> (time - first) / 1_000_000).toList();
        // records 3..13 (one second's worth) go at once when the stall ends, then the pace resumes
        assertEquals(List.of(0L, 100L, 200L, 5200L, 5200L, 5200L, 5200L, 5200L, 5200L, 5200L, 5200L, 5200L, 5200L,
                5200L, 5300L), millis);
    }

    @Test
    void speedupReplaysTheGapsBetweenCallsFaster() {
        FakeClock clock = new FakeClock();
        List<Long> sendTimes = new ArrayList<>();
        MockProducer<byte[], byte[]> producer = recordingSendTimes(clock, sendTimes);
        ReplayOptions config = options("--speedup", "60");
        // calls 7 minutes apart, 60 times faster: 7 s apart
        CallSource source = source(config, CallJson.jsonArray(CallFixtures.newestFirst(3)));

        new Replayer(producer, TOPIC, config, CLOSE_TIMEOUT).withClock(clock).replay("fixture", source);

        long first = sendTimes.get(0);
        assertEquals(List.of(0L, 7_000_000_000L, 14_000_000_000L), sendTimes.stream().map(time -> time - first).toList());
    }

    @Test
    void loopShiftsEachPassByTheFileSpanAndRewritesTheDateFields() {
        // three calls 7 minutes apart: span = 14 min + 1 min = 15 min
        List<String> calls = CallFixtures.newestFirst(3);
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options("--loop", "--limit", "7"), CallJson.jsonArray(calls));

        List<String> expected = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 2; i >= 0; i--) {
                LocalDateTime callTime = T0.minusMinutes(7L * i).plusMinutes(15L * pass);
                expected.add(CallJson.call(CallFixtures.crimeId(i), callTime).json());
            }
        }
        assertEquals(expected.subList(0, 7), values(producer));
        // 23:57 shifted by 15 minutes crosses midnight: the day fields move to the next day
        assertEquals("{\"crime_id\":\"183653763\",\"original_crime_type_name\":\"Passing Call\","
                + "\"report_date\":\"2019-01-01T00:00:00.000\",\"call_date\":\"2019-01-01T00:00:00.000\","
                + "\"offense_date\":\"2019-01-01T00:00:00.000\",\"call_time\":\"00:12\","
                + "\"call_date_time\":\"2019-01-01T00:12:00.000\",\"disposition\":\"HAN\","
                + "\"address\":\"100 Block Of Market St\",\"city\":\"San Francisco\",\"state\":\"CA\",\"agency_id\":\"1\","
                + "\"address_type\":\"Premise Address\",\"common_location\":\"\"}", values(producer).get(5));
        assertEquals(3, summary.passes);
        assertEquals(Duration.ofMinutes(15), summary.shiftPerPass);
        assertEquals(0, summary.exitCode());
    }

    @Test
    void loopPassesDifferFromTheFirstOnlyInTheDateFields() {
        // escapes, a number, a null and an unparseable day field are sent as the file wrote them on every pass;
        // one call: the span is 1 minute, and 23:59 + 1 minute crosses midnight
        String call = "{\"crime_id\":\"1\",\"address\":\"Caf\\u00e9 \\\"Le Bar\\\"\",\"agency_id\":1,"
                + "\"report_date\":\"n/a\",\"call_date\":\"2018-12-31T00:00:00.000\",\"call_time\":null,"
                + "\"city\":null,\"call_date_time\":\"2018-12-31T23:59:00.000\",\"offense_date\":\"2018-12-31T00:00:00.000\"}";
        MockProducer<byte[], byte[]> producer = autoCompleting();

        ReplaySummary summary = replay(producer, options("--loop", "--limit", "2"), CallJson.jsonArray(List.of(call)));

        assertEquals(List.of(call, "{\"crime_id\":\"1\",\"address\":\"Caf\\u00e9 \\\"Le Bar\\\"\",\"agency_id\":1,"
                + "\"report_date\":\"n/a\",\"call_date\":\"2019-01-01T00:00:00.000\",\"call_time\":\"00:00\","
                + "\"city\":null,\"call_date_time\":\"2019-01-01T00:00:00.000\",\"offense_date\":\"2019-01-01T00:00:00.000\"}"),
                values(producer));
        assertEquals(Duration.ofMinutes(1), summary.shiftPerPass);
    }

    @Test
    void aStopRequestEndsTheReplayAndStillAccountsForEverySentRecord() {
        MockProducer<byte[], byte[]> producer = autoCompleting();
        int[] polls = {0};
        ReplayOptions config = options();
        CallSource source = source(config, CallJson.jsonArray(CallFixtures.newestFirst(10)));

        ReplaySummary summary = new Replayer(producer, TOPIC, config, CLOSE_TIMEOUT).withStopSignal(() -> ++polls[0] > 3)
                .replay("fixture", source);

        assertEquals(3, summary.sent);
        assertEquals(3, summary.acknowledged);
        assertEquals(org.sfcrime.cli.ExitCodes.INTERRUPTED, summary.exitCode());
        assertTrue(summary.reconciles());
        assertTrue(producer.closed());
    }

    @Test
    void valuesAreTheCompactJsonOfPrettyPrintedInput() {
        String pretty = "[\n    {\n        \"crime_id\": \"183653763\",\n        \"call_date_time\": \"2018-12-31T23:57:00.000\"\n    }\n]";
        MockProducer<byte[], byte[]> producer = autoCompleting();

        replay(producer, options(), pretty);

        assertArrayEquals("{\"crime_id\":\"183653763\",\"call_date_time\":\"2018-12-31T23:57:00.000\"}"
                .getBytes(StandardCharsets.UTF_8), producer.history().get(0).value());
        assertNull(producer.history().get(0).partition());
    }

    /** The replay options of a command line, with the shipped defaults. */
    private static ReplayOptions options(String... args) {
        return ProducerOptions.parse(args).replay;
    }

    private static ReplaySummary replay(MockProducer<byte[], byte[]> producer, ReplayOptions config, String content) {
        return replay(producer, config, content, new RejectLog("fixture", null, config.strict));
    }

    private static ReplaySummary replay(MockProducer<byte[], byte[]> producer, ReplayOptions config, String content,
            RejectLog rejects) {
        return new Replayer(producer, TOPIC, config, CLOSE_TIMEOUT).replay("fixture", CallSource.open(CallFixtures.reader(content), config, rejects));
    }

    private static CallSource source(ReplayOptions config, String content) {
        return CallSource.open(CallFixtures.reader(content), config, new RejectLog("fixture", null, config.strict));
    }

    private static MockProducer<byte[], byte[]> autoCompleting() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static MockProducer<byte[], byte[]> recordingSendTimes(FakeClock clock, List<Long> sendTimes) {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                sendTimes.add(clock.nanoTime());
                return super.send(record, callback);
            }
        };
    }

    private static List<String> values(MockProducer<byte[], byte[]> producer) {
        return producer.history().stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> keys(MockProducer<byte[], byte[]> producer) {
        return producer.history().stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
    }

    /** Acknowledges every send at once except the n-th (from 1), which the broker rejects. */
    private static final class FailingProducer extends MockProducer<byte[], byte[]> {
        private final int failingSend;
        private int sends;

        FailingProducer(int failingSend) {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failingSend = failingSend;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            Future<RecordMetadata> future = super.send(record, callback);
            if (++sends == failingSend) {
                errorNext(new RecordTooLargeException("rejected by the test"));
            } else {
                completeNext();
            }
            return future;
        }
    }
}
