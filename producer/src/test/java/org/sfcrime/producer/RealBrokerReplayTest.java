package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.testing.CallJson;
import org.sfcrime.testing.SharedBroker;
import org.sfcrime.cli.CommandLines;

/** The CLI against a real Kafka broker process, read back with a plain consumer. */
@Timeout(120)
class RealBrokerReplayTest {

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void replaysEveryValidRecordOnceKeyedByCrimeIdInAscendingCallTimePerPartition() throws Exception {
        List<String> calls = CallFixtures.newestFirst(300);
        List<String> file = new ArrayList<>(calls);
        file.add(17, CallJson.call("111", CallFixtures.FIRST_CALL).without(CallRecordFormat.CALL_DATE_TIME).json());
        file.add(250, "{\"crime_id\":\"\",\"call_date_time\":\"2018-12-01T10:00:00.000\"}");
        Path input = CallFixtures.write(dir, "calls.json", CallJson.jsonArray(file));
        Path rejects = dir.resolve("rejects.jsonl");

        int exitCode = run("--input", input.toString(), "--bootstrap-server", broker.bootstrapServers(),
                "--topic", "replay.order", "--create-topic", "--partitions", "3", "--rejects", rejects.toString());

        assertEquals(0, exitCode, err.toString());
        assertEquals("", out.toString());
        assertEquals("{\"index\":17,\"reason\":\"missing call_date_time\"}\n"
                + "{\"index\":250,\"reason\":\"missing crime_id\"}\n", Files.readString(rejects));
        assertTrue(err.toString().contains("created topic replay.order with 3 partitions"), err.toString());

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions =
                TopicContents.read(broker.bootstrapServers(), "replay.order", Duration.ofSeconds(30));
        Map<String, String> valueByKey = new HashMap<>();
        for (List<ConsumerRecord<byte[], byte[]>> partition : partitions.values()) {
            String previousCallTime = "";
            for (ConsumerRecord<byte[], byte[]> record : partition) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                String value = new String(record.value(), StandardCharsets.UTF_8);
                assertEquals(null, valueByKey.put(key, value), "sent twice: " + key);
                String callTime = CallFixtures.callDateTimeOf(value);
                assertTrue(callTime.compareTo(previousCallTime) >= 0,
                        "partition " + record.partition() + ": " + callTime + " after " + previousCallTime);
                previousCallTime = callTime;
            }
        }
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            expected.put(CallFixtures.crimeId(i), calls.get(i));
        }
        assertEquals(expected, valueByKey);
        assertEquals(3, partitions.size());
        assertTrue(partitions.values().stream().allMatch(partition -> !partition.isEmpty()), "all partitions used");
    }

    @Test
    void missingTopicFailsWithOneLineBeforeSendingAnything() {
        Path input = CallFixtures.write(dir, "calls.json", CallJson.jsonArray(CallFixtures.newestFirst(3)));

        int exitCode = run("--input", input.toString(), "--bootstrap-server", broker.bootstrapServers(),
                "--topic", "no.such.topic");

        assertEquals(1, exitCode);
        assertEquals("error: topic no.such.topic does not exist (create it with scripts/start.sh,"
                + " scripts/kafka-topics, or pass --create-topic)\n", err.toString());
    }

    private int run(String... args) {
        return CommandLines.execute(new ProducerCommand(), "producer", new PrintWriter(out, true),
                new PrintWriter(err, true), args);
    }
}
