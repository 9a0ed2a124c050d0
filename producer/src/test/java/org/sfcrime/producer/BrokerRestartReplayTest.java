package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CallJson;
import org.sfcrime.testing.KafkaBroker;
import org.sfcrime.cli.CommandLines;

/** A broker crash in the middle of a replay loses and duplicates nothing (idempotent producer, acks=all). */
class BrokerRestartReplayTest {

    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void replaySurvivesABrokerKilledAndRestartedMidwayWithEveryRecordExactlyOnce() throws Exception {
        Path input = CallFixtures.write(dir, "calls.json", CallJson.jsonArray(CallFixtures.newestFirst(RECORDS)));
        StringWriter err = new StringWriter();
        try (KafkaBroker broker = KafkaBroker.start()) {
            // 3,000 records at 330/s: about 9 s, so the crash lands in the middle
            CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> CommandLines.execute(
                    new ProducerCommand(), "producer", null, new PrintWriter(err, true), "--input", input.toString(), "--bootstrap-server", broker.bootstrapServers(), "--rate", "330"));

            Thread.sleep(3_000);
            assertFalse(replay.isDone(), "the replay ended before the crash:\n" + err);
            broker.kill();
            Thread.sleep(2_000);
            broker.restart();

            assertEquals(0, replay.get(150, TimeUnit.SECONDS), err.toString());
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions = TopicContents.read(
                    broker.bootstrapServers(), "police.department.calls", Duration.ofSeconds(30));
            Set<String> keys = new HashSet<>();
            int total = 0;
            for (List<ConsumerRecord<byte[], byte[]>> partition : partitions.values()) {
                for (ConsumerRecord<byte[], byte[]> record : partition) {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                    total++;
                }
            }
            assertEquals(RECORDS, total, "records in the topic (duplicates included)");
            assertEquals(RECORDS, keys.size(), "distinct crime_ids in the topic");
        }
    }
}
