package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.SharedBroker;
import org.sfcrime.testing.ProjectPaths;

/**
 * The packaged job under spark-submit, killed with SIGKILL in the middle of a backlog and started
 * again on the same checkpoint: its files sink must hold exactly the final windows of an
 * uninterrupted run, each once, and those must equal an oracle computed from the input. A live job
 * ended by SIGTERM leaves no temporary checkpoint behind.
 */
class StreamJobRestartIT {

    private static final String TOPIC = "restart.calls";
    private static final int CALLS = 10_000;
    private static final Duration WATERMARK = Duration.ofMinutes(30);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();
    private static List<Map<String, String>> calls;

    @BeforeAll
    static void loadTopic() throws Exception {
        broker.createTopic(TOPIC, 3);
        calls = new ArrayList<>(SyntheticCalls.generate(CALLS, 11));
        Collections.reverse(calls); // the sample is newest first, as the real export; replay oldest first
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Map<String, String> call : calls) {
                producer.send(new ProducerRecord<>(TOPIC, call.get(CallRecordFormat.CRIME_ID), mapper.writeValueAsString(call)));
            }
        }
    }

    @Test
    void killedJobResumesFromItsCheckpointAndWritesEveryFinalWindowExactlyOnce(@TempDir Path dir) throws Exception {
        Path uninterrupted = dir.resolve("uninterrupted");
        CommandResult reference = Commands.run(JOB_TIMEOUT, jobCommand(uninterrupted));
        assertEquals(0, reference.exitCode(), reference.describe());

        Path interrupted = dir.resolve("interrupted");
        Process first = new ProcessBuilder(jobCommand(interrupted)).directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("first-run.log").toFile()).start();
        try {
            awaitCommittedBatches(interrupted.resolve("metrics.jsonl"), 3, first);
        } finally {
            first.descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
            first.waitFor(30, TimeUnit.SECONDS);
        }
        CommandResult resumed = Commands.run(JOB_TIMEOUT, jobCommand(interrupted));
        assertEquals(0, resumed.exitCode(), resumed.describe());
        assertTrue(resumed.stderr().contains("[counts-files] batch "), resumed.describe());

        List<String> expected = finalWindowsOracle();
        List<String> reference_ = windowsIn(uninterrupted.resolve("out"));
        List<String> afterRestart = windowsIn(interrupted.resolve("out"));
        assertTrue(expected.size() > 100, "the oracle should hold many final windows, holds " + expected.size());
        assertEquals(expected, reference_, "uninterrupted run vs oracle");
        assertEquals(expected, afterRestart, "killed and resumed run vs oracle");
    }

    @Test
    void aLiveJobEndedBySigtermSaysSoInOneLineAndDeletesItsTemporaryCheckpoint(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> live = List.of("bash", "scripts/spark-submit", "--master", "local[2]", "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--sinks", "files",
                "--output-dir", dir.resolve("out").toString(), "--metrics-file", dir.resolve("metrics.jsonl").toString(),
                "--max-offsets-per-trigger", "1000", "--ui-port", "0");
        ProcessBuilder builder = new ProcessBuilder(live).directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile());
        builder.environment().put("SPARK_SUBMIT_OPTS", "-Djava.io.tmpdir=" + tmp);
        Process job = builder.start();
        try {
            awaitCommittedBatches(dir.resolve("metrics.jsonl"), 1, job);
            try (var folders = Files.list(tmp)) {
                assertTrue(folders.anyMatch(path -> path.getFileName().toString().startsWith("sf-crime-checkpoint-")),
                        "the running job's temporary checkpoint is in " + tmp);
            }
            job.destroy(); // SIGTERM, as a kill or a service manager sends it
            assertTrue(job.waitFor(60, TimeUnit.SECONDS), "the job did not end within 60 s of SIGTERM");
        } finally {
            job.descendants().forEach(ProcessHandle::destroyForcibly);
            job.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("job.log"));
        assertEquals(143, job.exitValue(), log);
        // a batch in flight fails when Spark stops under it: one line says so, not Spark's errors and stack traces
        String stopped = "stream-job: stopping on a signal (the temporary checkpoint is deleted)\n";
        assertTrue(log.contains(stopped), log);
        assertEquals(List.of(), log.substring(log.indexOf(stopped)).lines()
                .filter(line -> line.matches(".*(ERROR|Exception|error:).*|\\s+at .*")).toList(), log);
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("sf-crime-checkpoint-")).toList());
        }
    }

    private static List<String> jobCommand(Path dir) {
        return List.of("bash", "scripts/spark-submit", "--master", "local[2]", "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--bounded", "--sinks", "files",
                "--output-dir", dir.resolve("out").toString(), "--checkpoint", dir.resolve("checkpoint").toString(),
                "--metrics-file", dir.resolve("metrics.jsonl").toString(), "--max-offsets-per-trigger", "1000",
                "--watermark", WATERMARK.toMinutes() + " minutes", "--ui-port", "0");
    }

    private static void awaitCommittedBatches(Path metrics, int batches, Process job) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() >= batches) {
                return;
            }
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before it was killed, exit " + job.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not complete " + batches + " batches within " + JOB_TIMEOUT);
    }

    /** Rows of the files sink, read with Spark so that only committed files count. */
    private static List<String> windowsIn(Path output) {
        List<String> rows = new ArrayList<>();
        for (Row row : LocalSpark.get().read().json(output.toString()).collectAsList()) {
            rows.add(row.getAs("window_start") + "|" + row.getAs("crime_type") + "|" + row.getAs("disposition")
                    + "|" + row.getAs("description") + "|" + row.getAs("count"));
        }
        Collections.sort(rows);
        return rows;
    }

    /**
     * Windows that are final when the replay ends: those whose end the last watermark (newest
     * call time minus the delay) has reached. Computed from the input with java.time only.
     */
    private static List<String> finalWindowsOracle() throws IOException {
        Map<String, String> descriptions = new TreeMap<>();
        for (var code : new ObjectMapper().readTree(ProjectPaths.radioCodes().toFile())) {
            descriptions.put(code.get("disposition_code").asText(), code.get("description").asText());
        }
        LocalDateTime newest = LocalDateTime.MIN;
        Map<String, Long> counts = new TreeMap<>();
        Map<String, LocalDateTime> ends = new TreeMap<>();
        for (Map<String, String> call : calls) {
            LocalDateTime time = LocalDateTime.parse(call.get(CallRecordFormat.CALL_DATE_TIME));
            newest = time.isAfter(newest) ? time : newest;
            LocalDateTime start = time.truncatedTo(ChronoUnit.HOURS);
            String disposition = call.get(CallRecordFormat.DISPOSITION);
            String key = start + ":00.000|" + call.get(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME) + "|" + disposition
                    + "|" + descriptions.getOrDefault(disposition, WindowedCounts.UNKNOWN_CODE);
            counts.merge(key, 1L, Long::sum);
            ends.put(key, start.plusHours(1));
        }
        LocalDateTime watermark = newest.minus(WATERMARK);
        List<String> rows = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (!ends.get(key).isAfter(watermark)) {
                rows.add(key + "|" + count);
            }
        });
        Collections.sort(rows);
        return rows;
    }
}
