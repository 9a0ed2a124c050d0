package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.KafkaCluster;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;

/**
 * The jars against a 3-node cluster started with scripts/start.sh --brokers 3 (3 replicas,
 * min.insync.replicas=2) while one node crashes: delivery and counts must stay exact.
 */
class ClusterFailoverIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(3);

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void replayIsDeliveredExactlyOnceWhenAPartitionLeaderIsKilledMidReplay() throws Exception {
        Path sample = ProjectPaths.sampleCalls();
        long calls = WindowedCountsOracle.validCalls(sample);
        String topic = "failover.replay.calls";
        cluster.createTopic(topic, 3);
        int leader = cluster.leaderOf(topic, 0);

        // Paced so that the replay takes about 20 s and the crash lands in its middle.
        try (RunningCommand replay = Commands.start(Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", cluster.bootstrapServers(), "--topic", topic, "--input", sample.toString(),
                "--rate", "250"), null)) {
            await(() -> messagesIn(topic) >= 500 || !replay.isAlive(), PROGRESS_TIMEOUT,
                    () -> "500 records in " + topic + "; the producer's stderr:\n" + replay.stderrSoFar());
            cluster.kill(leader);
            assertTrue(replay.isAlive(), "the replay ended before node " + leader + " was killed");
            assertTrue(messagesIn(topic) < calls, "the whole replay was in before node " + leader + " was killed");
            cluster.restart(leader);

            CommandResult replayed = replay.await(CLI_TIMEOUT);
            assertEquals(0, replayed.exitCode(), replayed.describe());
            assertTrue(replayed.stderr().matches("(?s).*\\n  acknowledged +5,000\\n.*"), replayed.describe());
        }

        CommandResult verify = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("consumer/target/consumer.jar"),
                "--bootstrap-server", cluster.bootstrapServers(), "--topic", topic, "--verify", sample.toString()));
        assertEquals(0, verify.exitCode(), verify.describe());
        List<String> report = verify.stdout().lines().toList();
        assertEquals("Delivery of " + sample + " to topic " + topic + ": EXACT", report.get(0), verify.describe());
        assertEquals(calls, reportCount(report, "expected"), verify.describe());
        assertEquals(calls, reportCount(report, "consumed"), verify.describe());
        assertEquals(calls, reportCount(report, "delivered"), verify.describe());
        for (String discrepancy : List.of("missing", "duplicated", "unexpected", "unparseable", "wrong key")) {
            assertEquals(0, reportCount(report, discrepancy), discrepancy + ": " + verify.describe());
        }
    }

    @Test
    void streamJobCountsExactlyWhenANodeIsKilledWhileItDrainsTheTopic(@TempDir Path work) throws Exception {
        Path sample = ProjectPaths.sampleCalls();
        String topic = "failover.job.calls";
        String countsTopic = "failover.job.counts";
        cluster.createTopic(topic, 3);
        cluster.createTopic(countsTopic, 3);
        CommandResult replay = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", cluster.bootstrapServers(), "--topic", topic, "--input", sample.toString()));
        assertEquals(0, replay.exitCode(), replay.describe());

        Path output = work.resolve("counts");
        int leader = cluster.leaderOf(topic, 0);
        CommandResult job;
        // 500 records per batch: about ten batches, so the crash lands while the job is reading.
        try (RunningCommand running = Commands.start(List.of("bash", "scripts/spark-submit", "--master", "local[2]",
                "stream-job/target/stream-job.jar", "--bootstrap-server", cluster.bootstrapServers(), "--topic", topic,
                "--bounded", "--sinks", "kafka,files", "--output-topic", countsTopic, "--output-dir", output.toString(),
                "--max-offsets-per-trigger", "500", "--ui-port", "0"), null)) {
            // Spark's start-up alone can take minutes on a loaded machine: wait as long as for the whole job.
            await(() -> running.stderrSoFar().contains("] batch 1: ") || !running.isAlive(), JOB_TIMEOUT,
                    () -> "the job's second batch; its stderr:\n" + running.stderrSoFar());
            try {
                cluster.kill(leader);
                assertTrue(running.isAlive(), "the job ended before node " + leader + " was killed");
                job = running.await(JOB_TIMEOUT);
            } finally {
                cluster.restart(leader);
            }
        }
        assertEquals(0, job.exitCode(), job.describe());
        assertTrue(job.stderr().contains("] batch 5: "), "fewer than six batches: " + job.describe());
        assertTrue(job.stderr().contains("0 late dropped, 0 rejected"), job.describe());

        Map<String, String> expected = WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes());
        Map<String, String> fromKafka = CountsTopic.latestCounts(cluster.bootstrapServers(), countsTopic, CLI_TIMEOUT);
        assertEquals(expected, fromKafka);

        // The files sink holds each final window once (the last ones stay open: no newer calls move the watermark).
        Map<String, String> fromFiles = FilesSink.committedCounts(output);
        assertFalse(fromFiles.isEmpty(), "no final window in the files sink");
        fromFiles.forEach((key, value) -> assertEquals(expected.get(key), value, key));
    }

    /** The count on the report's line for {@code label} ("  missing          0  records of the file ..."). */
    private static long reportCount(List<String> report, String label) {
        return report.stream().map(String::trim).filter(line -> line.startsWith(label + " "))
                .map(line -> line.substring(label.length()).trim().split(" +")[0]).mapToLong(Long::parseLong)
                .findFirst().orElseThrow(() -> new AssertionError("no line '" + label + "' in the report"));
    }

    /** Messages in all partitions of a topic (the sum of their end offsets). */
    private static long messagesIn(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topic, e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(200);
        }
    }
}
