package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.SharedBroker;

/**
 * The whole pipeline as users run it: the producer and consumer jars and the stream job under
 * spark-submit, each a separate process, against a real broker process.
 */
class PipelineIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    void bundledSampleIsDeliveredExactlyOnceAndCountedAsTheOracleSays() throws Exception {
        Path sample = ProjectPaths.sampleCalls();
        String topic = "pipeline.calls";
        String countsTopic = "pipeline.calls.counts";
        broker.createTopic(topic, 3);

        CommandResult replay = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--input", sample.toString()));
        assertEquals(0, replay.exitCode(), replay.describe());

        CommandResult verify = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("consumer/target/consumer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--verify", sample.toString()));
        assertEquals(0, verify.exitCode(), verify.describe());

        CommandResult job = Commands.run(JOB_TIMEOUT, List.of("bash", "scripts/spark-submit", "--master", "local[2]",
                "stream-job/target/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--bounded", "--sinks", "kafka", "--output-topic", countsTopic, "--ui-port", "0"));
        assertEquals(0, job.exitCode(), job.describe());
        assertTrue(job.stderr().contains("0 late dropped, 0 rejected"), job.describe());

        Map<String, String> expected = WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes());
        Map<String, String> actual = CountsTopic.latestCounts(broker.bootstrapServers(), countsTopic, CLI_TIMEOUT);
        assertEquals(expected.size(), actual.size(), "number of (window, crime type, disposition) groups");
        assertEquals(expected, actual);
        long counted = actual.values().stream().mapToLong(v -> Long.parseLong(v.substring(v.lastIndexOf('|') + 1))).sum();
        assertEquals(WindowedCountsOracle.validCalls(sample), counted, "calls counted in all windows");
    }
}
