package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sfcrime.consumer.CallFixtures.reportCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.record.CallRecord;
import org.sfcrime.testing.CallJson;
import org.sfcrime.testing.SharedBroker;

/**
 * The command against a real Kafka broker process: a fixture file is sent with a plain
 * KafkaProducer (key crime_id, value {@link CallRecord#json()}), then verified and read.
 */
class ConsumerBrokerTest {

    private static final int CALLS = 300;

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();
    private static Path dir;
    private static Path file;
    /** The file's valid records in file order (newest first): file index i is {@code calls.get(i)}. */
    private static List<CallRecord> calls;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void writeFile() throws IOException {
        dir = Files.createTempDirectory("consumer-test");
        file = dir.resolve("calls.json");
        CallFixtures.writeFile(file, CALLS);
        calls = CallFixtures.readFile(file);
    }

    @AfterAll
    static void deleteFile() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The file's calls oldest first, as a replay sends them, so every partition is in event-time order. */
    private static List<ProducerRecord<byte[], byte[]>> replay(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            records.add(new ProducerRecord<>(topic, calls.get(i).key(), calls.get(i).json()));
        }
        return records;
    }

    private static ProducerRecord<byte[], byte[]> message(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Creates the topic (3 partitions) and sends the records, waiting for every acknowledgement. */
    private static void send(String topic, List<ProducerRecord<byte[], byte[]>> records) {
        broker.createTopic(topic, 3);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            records.forEach(record -> acks.add(producer.send(record)));
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandLines.execute(new ConsumerCommand(), "consumer", new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static Result verify(String topic, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--verify", file.toString(), "--timeout-ms", "60000"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static final Pattern COUNT_LINE = Pattern.compile("^  ([a-z][a-z ]*?) +(\\d+|-)  .*$");

    /** The counts of a text report by label ("wrong key" -> "wrong_key"). */
    private static Map<String, Long> textCounts(String report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : report.lines().toList()) {
            Matcher matcher = COUNT_LINE.matcher(line);
            if (matcher.matches() && !matcher.group(2).equals("-")) {
                counts.put(matcher.group(1).replace(' ', '_'), Long.parseLong(matcher.group(2)));
            }
        }
        return counts;
    }

    private static Map<String, Long> jsonCounts(String report) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        new ObjectMapper().readTree(report).get("counts").fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                counts.put(field.getKey(), field.getValue().asLong());
            }
        });
        return counts;
    }

    /** The report's counts of a run without --check-order: its JSON has out_of_order null, left out. */
    private static Map<String, Long> countsOrderUnchecked(Map<String, Long> named) {
        Map<String, Long> counts = reportCounts(named);
        counts.remove("out_of_order");
        return counts;
    }

    @Test
    void verifiesExactDeliveryWithExitZeroAndExactCounts() {
        send("exact", replay("exact"));

        Result result = verify("exact", "--check-order");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Delivery of " + file + " to topic exact: EXACT", result.out().lines().findFirst().orElse(""));
        assertEquals(reportCounts(Map.of("expected", (long) CALLS, "consumed", 300L, "delivered", 300L)),
                textCounts(result.out()));
        assertTrue(result.err().contains("Verified 300 messages against 300 records"), result.err());
    }

    @Test
    void reportsAMissingRecordWithItsFileIndex() throws IOException {
        List<ProducerRecord<byte[], byte[]>> records = replay("missing");
        records.remove(CALLS - 1 - 17); // file index 17

        send("missing", records);
        Result result = verify("missing", "--report", "json", "--check-order");

        assertEquals(1, result.exitCode(), result.err());
        assertEquals(reportCounts(Map.of("expected", (long) CALLS, "consumed", 299L, "delivered", 299L, "missing", 1L)),
                jsonCounts(result.out()));
        JsonNode example = new ObjectMapper().readTree(result.out()).get("examples").get("missing").get(0);
        assertEquals(17, example.get("file_index").asLong());
        assertEquals(calls.get(17).crimeId(), example.get("crime_id").asText());
    }

    @Test
    void reportsADuplicatedRecord() throws IOException {
        List<ProducerRecord<byte[], byte[]>> records = replay("duplicate");
        records.add(message("duplicate", calls.get(5).crimeId(), calls.get(5).json()));

        send("duplicate", records);
        Result result = verify("duplicate", "--report", "json");

        assertEquals(1, result.exitCode(), result.err());
        assertEquals(countsOrderUnchecked(Map.of("expected", (long) CALLS,
                "consumed", 301L, "delivered", 300L, "duplicated", 1L)),
                jsonCounts(result.out()));
    }

    @Test
    void reportsAForeignCallAsUnexpected() throws IOException {
        CallRecord foreign = CallFixtures.call(5000);
        List<ProducerRecord<byte[], byte[]>> records = replay("foreign");
        records.add(message("foreign", foreign.crimeId(), foreign.json()));

        send("foreign", records);
        Result result = verify("foreign", "--report", "json");

        assertEquals(1, result.exitCode(), result.err());
        assertEquals(countsOrderUnchecked(Map.of("expected", (long) CALLS,
                "consumed", 301L, "delivered", 300L, "unexpected", 1L)),
                jsonCounts(result.out()));
        assertEquals(foreign.crimeId(), new ObjectMapper().readTree(result.out())
                .get("examples").get("unexpected").get(0).get("crime_id").asText());
    }

    @Test
    void reportsAWrongKey() throws IOException {
        List<ProducerRecord<byte[], byte[]>> records = replay("wrong-key");
        ProducerRecord<byte[], byte[]> original = records.remove(0);
        records.add(0, message("wrong-key", "not-the-crime-id", original.value()));

        send("wrong-key", records);
        Result result = verify("wrong-key", "--report", "json");

        assertEquals(1, result.exitCode(), result.err());
        assertEquals(countsOrderUnchecked(Map.of("expected", (long) CALLS,
                "consumed", 300L, "delivered", 300L, "wrong_key", 1L)),
                jsonCounts(result.out()));
    }

    @Test
    void reportsACorruptMessageAsUnparseable() throws IOException {
        List<ProducerRecord<byte[], byte[]>> records = replay("corrupt");
        records.add(message("corrupt", "x", "{\"crime_id\": \"18275".getBytes(StandardCharsets.UTF_8)));

        send("corrupt", records);
        Result result = verify("corrupt", "--report", "json");

        assertEquals(1, result.exitCode(), result.err());
        assertEquals(countsOrderUnchecked(Map.of("expected", (long) CALLS,
                "consumed", 301L, "delivered", 300L, "unparseable", 1L)),
                jsonCounts(result.out()));
    }

    @Test
    void textAndJsonReportsCarryTheSameNumbers() throws IOException {
        CallRecord foreign = CallFixtures.call(7000);
        List<ProducerRecord<byte[], byte[]>> records = replay("mixed");
        records.remove(10);
        records.add(message("mixed", calls.get(3).crimeId(), calls.get(3).json()));
        records.add(message("mixed", "k", foreign.json()));
        records.add(message("mixed", "k", "garbage".getBytes(StandardCharsets.UTF_8)));

        send("mixed", records);
        Result text = verify("mixed");
        Result json = verify("mixed", "--report", "json");

        assertEquals(1, text.exitCode(), text.err());
        assertEquals(1, json.exitCode(), json.err());
        // order not checked: "-" in text, null in JSON
        Map<String, Long> expected = countsOrderUnchecked(Map.of("expected", (long) CALLS, "consumed", 302L, "delivered", 299L,
                "missing", 1L, "duplicated", 1L, "unexpected", 1L, "unparseable", 1L, "wrong_key", 1L));
        assertEquals(expected, textCounts(text.out()));
        assertEquals(expected, jsonCounts(json.out()));
    }

    @Test
    void consoleFromBeginningPrintsExactlyTheRequestedNumberOfRecords() {
        send("console", replay("console"));
        Set<String> sent = calls.stream().map(CallJson::text).collect(Collectors.toSet());

        Result result = run("--bootstrap-server", broker.bootstrapServers(), "--topic", "console",
                "--from-beginning", "--max-messages", "5", "--timeout-ms", "30000");

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(5, lines.size());
        assertTrue(sent.containsAll(lines), result.out());
        assertEquals("Processed a total of 5 messages" + System.lineSeparator(), result.err());
    }

    @Test
    void failsWithOneLineForATopicThatDoesNotExist() {
        Result result = run("--bootstrap-server", broker.bootstrapServers(), "--topic", "no.such.topic",
                "--from-beginning");

        assertEquals(1, result.exitCode());
        assertEquals("error: topic no.such.topic does not exist on " + broker.bootstrapServers()
                + " (create it with scripts/start.sh or scripts/kafka-topics)" + System.lineSeparator(), result.err());
    }

    @Test
    void verifyFailsWithOneLineForATopicThatDoesNotExist() {
        Result result = verify("no.such.topic");

        assertEquals(1, result.exitCode());
        assertEquals("error: topic no.such.topic does not exist on " + broker.bootstrapServers()
                + " (create it with scripts/start.sh or scripts/kafka-topics)", result.err().lines().toList().get(0));
    }

    @Test
    void findsEveryPartitionOfTheTopicInOrder() {
        broker.createTopic("three-partitions", 3);

        assertEquals(List.of(new TopicPartition("three-partitions", 0), new TopicPartition("three-partitions", 1),
                        new TopicPartition("three-partitions", 2)),
                ConsumerClients.partitions(settings(broker.bootstrapServers()), "three-partitions", Duration.ofSeconds(30)));
    }

    @Test
    void reportsAnUnreachableBrokerWithTheWaitInSeconds() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CommandFailure failure = assertThrows(CommandFailure.class, () ->
                ConsumerClients.partitions(settings("127.0.0.1:" + port), "calls", Duration.ofMillis(2500)));

        assertEquals("cannot reach Kafka at 127.0.0.1:" + port + " within 2.5 s (is it running? try scripts/start.sh)",
                failure.getMessage());
    }

    private static ClientSettings settings(String bootstrapServers) {
        return new ClientSettings(Map.of("bootstrap.servers", bootstrapServers));
    }
}
