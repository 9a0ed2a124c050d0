package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;
import org.sfcrime.testing.SharedBroker;
import org.sfcrime.testing.TopicReader;

/**
 * The enriched feed in Spark's Real-Time Mode, the packaged job against a real broker: the bundled
 * sample against an oracle, a SIGKILL and a restart on the same checkpoint, and too few task slots.
 */
class StreamJobRealTimeIT {

    private static final String TOPIC = "realtime.calls";
    private static final String ENRICHED = "realtime.enriched";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REJECTS = List.of("this is not json", "{\"crime_id\":\"1\",\"call_date_time\":\"31/12/2018\"}",
            "{\"disposition\":\"HAN\",\"call_date_time\":\"2018-12-31T11:00:00.000\"}");

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    void enrichedFeedHoldsEveryValidCallOnceAndAfterAKillMissesNone(@TempDir Path dir) throws Exception {
        broker.createTopic(TOPIC, 3);
        broker.createTopic(ENRICHED, 3);
        List<JsonNode> sample = new ArrayList<>();
        JSON.readTree(ProjectPaths.sampleCalls().toFile()).forEach(sample::add);
        send(sample, 0);
        send(REJECTS.stream().map(raw -> (JsonNode) JSON.getNodeFactory().textNode(raw)).toList(), 0);

        Map<String, Integer> expected = oracle(sample);
        int sampleCalls = sum(expected);
        RunningCommand first = Commands.start(job(dir), null);
        CompletableFuture<Void> sending = null;
        try {
            assertEquals(expected, readUntil(received -> sum(received) >= sampleCalls, first), "the sample, each call once");
            awaitRejectedInProgress(dir.resolve("metrics.jsonl"), first);
            // More calls arrive, paced; the job is SIGKILLed while it writes them and started again on its checkpoint.
            List<JsonNode> later = SyntheticCalls.generate(2_000, 7).stream().map(call -> (JsonNode) JSON.valueToTree(call)).toList();
            oracle(later).forEach((message, count) -> expected.merge(message, count, Integer::sum));
            sending = CompletableFuture.runAsync(() -> send(later, 2));
            readUntil(received -> sum(received) >= sampleCalls + 300, first);
        } finally {
            first.close(); // SIGKILL: no clean stop, no checkpoint of what it wrote since the last one
        }
        sending.get();
        try (RunningCommand second = Commands.start(job(dir), null)) {
            Map<String, Integer> received = readUntil(got -> missing(expected, got).isEmpty(), second);
            System.out.printf("enriched feed after a SIGKILL and a restart: %d calls, 0 missing, %d written twice%n",
                    sum(expected), sum(received) - sum(expected));
            assertTrue(received.keySet().stream().allMatch(expected::containsKey), "every message is one of the calls");
        }
        Set<String> rejects = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("rejects"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    rejects.add(JSON.readTree(line).get("raw_value").asText());
                }
            }
        }
        assertEquals(new TreeSet<>(REJECTS), rejects, "rejected messages written");
    }

    @Test
    void tooFewTaskSlotsForRealTimeIsOneLineAndExit1() {
        broker.createTopic(TOPIC, 3);
        CommandResult result = Commands.run(TIMEOUT, List.of("bash", "scripts/spark-submit", "--master", "local[2]",
                "stream-job/target/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC,
                "--queries", "counts,enriched", "--ui-port", "0"));

        assertEquals(1, result.exitCode(), result.describe());
        assertEquals("error: the enriched feed in real-time mode holds one task per Kafka partition: 3 partitions + 2 for the counts"
                + " need local[5] or more; got local[2] (or run it with --enriched-trigger micro-batch)", result.stderr().strip()
                .lines().reduce((a, b) -> b).orElse(""), result.describe());
        assertTrue(result.stderr().lines().noneMatch(line -> line.contains("Exception")), result.describe());
    }

    /** The enriched feed alone, in real time, on 4 slots: 3 for the topic's partitions and 1 for the rejects query. */
    private static List<String> job(Path dir) {
        return List.of("bash", "scripts/spark-submit", "--master", "local[4]", "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--queries", "enriched",
                "--enriched-topic", ENRICHED, "--checkpoint-interval", "5 seconds", "--checkpoint", dir.resolve("checkpoint").toString(),
                "--rejects-dir", dir.resolve("rejects").toString(), "--metrics-file", dir.resolve("metrics.jsonl").toString(),
                "--ui-port", "0");
    }

    /**
     * Key and value of each expected message, computed from the calls with Jackson and java.time only: each valid call's
     * fields plus the description of its code, "(no radio code)" when the lookup lacks it; messages as {@link #readUntil} keeps them.
     */
    private static Map<String, Integer> oracle(List<JsonNode> calls) throws Exception {
        Map<String, String> descriptions = new HashMap<>();
        for (JsonNode code : JSON.readTree(ProjectPaths.radioCodes().toFile())) {
            descriptions.put(code.get("disposition_code").asText(), code.get("description").asText());
        }
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode call : calls) {
            if (call.path("crime_id").asText("").isEmpty() || !parses(call.path("call_date_time").asText(""))) {
                continue;
            }
            ObjectNode enriched = call.deepCopy();
            enriched.put("disposition_description", descriptions.getOrDefault(call.path("disposition").asText(), "(no radio code)"));
            expected.merge(call.get("crime_id").asText() + " " + canonical(enriched), 1, Integer::sum);
        }
        return expected;
    }

    private static boolean parses(String callDateTime) {
        try {
            LocalDateTime.parse(callDateTime);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String canonical(JsonNode object) {
        return new TreeMap<>(JSON.convertValue(object, Map.class)).toString();
    }

    /** The expected messages that were received fewer times than expected, with how many are missing. */
    private static Map<String, Integer> missing(Map<String, Integer> expected, Map<String, Integer> received) {
        Map<String, Integer> missing = new TreeMap<>(expected);
        received.forEach((message, count) -> missing.computeIfPresent(message, (m, c) -> c > count ? c - count : null));
        return missing;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The enriched topic's messages, "key value" with the value's fields in name order, and how often each arrived, once they satisfy {@code done}, read from the beginning;
     * fails, saying how far it got, when the job ends or the timeout passes first.
     */
    private static Map<String, Integer> readUntil(Predicate<Map<String, Integer>> done, RunningCommand job) throws Exception {
        Map<String, Integer> received = new TreeMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = TopicReader.fromStart(broker.bootstrapServers(), ENRICHED, TIMEOUT)) {
            while (!done.test(received)) {
                if (!job.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the enriched topic holds " + sum(received) + " messages, not yet all expected; job "
                            + (job.isAlive() ? "still running" : "ended") + ": " + job.stderrSoFar());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.merge(record.key() + " " + canonical(JSON.readTree(record.value())), 1, Integer::sum);
                }
            }
            return received;
        }
    }

    /** Real-time progress comes at each checkpoint (every 5 s here): the rejected messages are counted there. */
    private static void awaitRejectedInProgress(Path metrics, RunningCommand job) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long rejected = 0;
        while (rejected < REJECTS.size() && System.nanoTime() < deadline && job.isAlive()) {
            Thread.sleep(500);
            rejected = 0;
            for (String line : Files.exists(metrics) ? Files.readAllLines(metrics) : List.<String>of()) {
                JsonNode batch = line.endsWith("}") ? JSON.readTree(line) : null;
                rejected += batch != null && batch.path("query").asText().equals(EnrichedFeed.QUERY_NAME) ? batch.path("rejected").asLong() : 0;
            }
        }
        assertEquals(REJECTS.size(), rejected, "rejected messages in the enriched query's progress: " + job.stderrSoFar());
    }

    /** Sends each call (or raw text) keyed by its crime_id, as the producer does, pausing {@code pauseMs} after each. */
    private static void send(List<JsonNode> values, long pauseMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (JsonNode value : values) {
                producer.send(new ProducerRecord<>(TOPIC, value.isTextual() ? null : value.path(CallRecordFormat.CRIME_ID).asText(),
                        value.isTextual() ? value.asText() : JSON.writeValueAsString(value)));
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + TOPIC, e);
        }
    }
}
