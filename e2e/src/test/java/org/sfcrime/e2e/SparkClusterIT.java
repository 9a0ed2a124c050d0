package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.SharedBroker;

/**
 * The job under scripts/spark-submit on a standalone cluster started by scripts/spark-cluster.sh
 * (a master and two workers of one core), as processes: a worker and its executor are killed
 * with SIGKILL in the middle of a drain, and the job must still finish with exactly the counts
 * the oracle computes from the input.
 */
class SparkClusterIT {

    private static final String TOPIC = "cluster.calls";
    private static final String COUNTS_TOPIC = "cluster.calls.counts";
    /** The job's default watermark delay (config/stream-job.properties). */
    private static final Duration WATERMARK = Duration.ofMinutes(30);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    static Path clusterDir;
    private static int masterPort;
    /** The master's UI; worker i serves its UI on webUiPort + i. */
    private static int webUiPort;
    private static String masterUrl;

    @BeforeAll
    static void startClusterAndLoadTopic() throws IOException {
        masterPort = freePort();
        webUiPort = freePortRun(3);
        CommandResult started = Commands.run(SCRIPT_TIMEOUT, clusterCommand("start"));
        assertEquals(0, started.exitCode(), started.describe());
        List<String> stdout = started.stdout().lines().toList();
        masterUrl = stdout.get(stdout.size() - 1);

        broker.createTopic(TOPIC, 3);
        CommandResult replay = Commands.run(SCRIPT_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--input", ProjectPaths.sampleCalls().toString()));
        assertEquals(0, replay.exitCode(), replay.describe());
    }

    @AfterAll
    static void stopCluster() {
        if (clusterDir != null) {
            Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/spark-cluster.sh", "stop", "--dir", clusterDir.toString(),
                    "--timeout", "20"));
        }
    }

    @Test
    void jobFinishesWithTheOracleCountsWhenAWorkerAndItsExecutorAreKilledMidDrain(@TempDir Path dir) throws Exception {
        assertTrue(masterUrl.matches("spark://127\\.0\\.0\\.1:\\d+"), "start's last stdout line: " + masterUrl);
        Path metrics = dir.resolve("metrics.jsonl");
        Path output = dir.resolve("out");
        List<String> command = List.of("bash", "scripts/spark-submit", "--master", masterUrl, "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--bounded", "--sinks", "kafka,files",
                "--output-topic", COUNTS_TOPIC, "--checkpoint", dir.resolve("checkpoint").toString(), "--output-dir", output.toString(),
                "--metrics-file", metrics.toString(), "--max-offsets-per-trigger", "1000", "--ui-port", "0");
        Process job = new ProcessBuilder(command).directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile()).start();
        int batchesAtKill;
        try {
            batchesAtKill = awaitBatchesAndExecutorOnWorker1(metrics, 2, job);
            killWorker1AndItsExecutor();
            assertTrue(job.waitFor(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the job did not finish within " + JOB_TIMEOUT);
        } finally {
            job.descendants().forEach(ProcessHandle::destroyForcibly);
            job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(dir.resolve("job.log"));
        assertEquals(0, job.exitValue(), log);

        List<JsonNode> batches = readLines(metrics);
        Set<String> queriesAfterKill = batches.subList(batchesAtKill, batches.size()).stream()
                .filter(batch -> batch.get("numInputRows").asLong() > 0)
                .map(batch -> batch.get("query").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("counts-files", "counts-kafka"), queriesAfterKill,
                "both queries should read calls after the kill (" + batchesAtKill + " of " + batches.size() + " batches before it)\n" + log);

        Path sample = ProjectPaths.sampleCalls();
        Map<String, String> expected = WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes());
        assertEquals(expected, CountsTopic.latestCounts(broker.bootstrapServers(), COUNTS_TOPIC, SCRIPT_TIMEOUT), "kafka sink vs oracle");
        Map<String, String> expectedFinal = WindowedCountsOracle.finalHourlyCounts(sample, ProjectPaths.radioCodes(), WATERMARK);
        assertTrue(expectedFinal.size() > 100, "the oracle should hold many final windows, holds " + expectedFinal.size());
        assertEquals(expectedFinal, FilesSink.committedCounts(output), "files sink vs oracle");

        // The cluster noticed the loss, and start brings the dead worker back.
        CommandResult status = Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/spark-cluster.sh", "status", "--dir", clusterDir.toString()));
        assertEquals(1, status.exitCode(), status.describe());
        assertTrue(status.stdout().contains("worker-1  stopped"), status.describe());
        CommandResult restarted = Commands.run(SCRIPT_TIMEOUT, clusterCommand("start"));
        assertEquals(0, restarted.exitCode(), restarted.describe());
        assertTrue(restarted.stderr().contains("worker 2 is already running"), restarted.describe());
        assertTrue(restarted.stdout().endsWith(masterUrl + "\n"), restarted.describe());
    }

    @Test
    void submittingToAMasterThatIsNotRunningFailsAtOnceWithOneLine(@TempDir Path dir) throws IOException {
        String deadMaster = "spark://127.0.0.1:" + freePort();

        CommandResult job = Commands.run(Duration.ofMinutes(2), List.of("bash", "scripts/spark-submit", "--master", deadMaster,
                "stream-job/target/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--bounded",
                "--checkpoint", dir.resolve("checkpoint").toString(), "--ui-port", "0"));

        assertEquals(1, job.exitCode(), job.describe());
        assertEquals(List.of("error: cannot reach the Spark master at " + deadMaster
                        + " within 5 s (is it running? try scripts/spark-cluster.sh start)"),
                job.stderr().lines().filter(line -> line.startsWith("error")).toList(), job.describe());
    }

    private static List<String> clusterCommand(String action) {
        return List.of("bash", "scripts/spark-cluster.sh", action, "--dir", clusterDir.toString(), "--workers", "2", "--cores", "1",
                "--memory", "1g", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(webUiPort), "--timeout", "240");
    }

    /** Waits until the job has reported {@code batches} batches and worker 1 runs one of its executors; returns the batches. */
    private static int awaitBatchesAndExecutorOnWorker1(Path metrics, int batches, Process job) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // whole lines only: the job may be writing the next one
            int reported = Files.exists(metrics) ? (int) Files.readString(metrics).chars().filter(c -> c == '\n').count() : 0;
            if (reported >= batches && hasExecutor(clusterDir.resolve("worker-1/work"))) {
                return reported;
            }
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before the worker was killed, exit " + job.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not report " + batches + " batches with an executor on worker 1 within " + JOB_TIMEOUT);
    }

    /** A worker keeps each executor's files in WORK_DIR/app-.../EXECUTOR_ID/. */
    private static boolean hasExecutor(Path workDir) throws IOException {
        if (!Files.isDirectory(workDir)) {
            return false;
        }
        try (Stream<Path> apps = Files.list(workDir)) {
            return apps.anyMatch(app -> app.getFileName().toString().startsWith("app-"));
        }
    }

    /** SIGKILL to worker 1 and to the executor it started, as a lost machine would look. */
    private static void killWorker1AndItsExecutor() throws IOException {
        long pid = Long.parseLong(Files.readString(clusterDir.resolve("worker-1.pid")).trim());
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("worker 1 (pid " + pid + ") is not running"));
        List<ProcessHandle> executors = worker.descendants().toList();
        assertFalse(executors.isEmpty(), "worker 1 should run an executor of the job");
        executors.forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        worker.onExit().join();
        executors.forEach(executor -> executor.onExit().join());
    }

    private static List<JsonNode> readLines(Path jsonLines) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(jsonLines)) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    /** The first of {@code count} consecutive ports that are free on loopback now, between 20000 and 40000. */
    static int freePortRun(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = 20_000 + ThreadLocalRandom.current().nextInt(20_000 - count);
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int port = first; port < first + count; port++) {
                    sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                }
                return first;
            } catch (IOException taken) {
                // try another run
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a probe socket cannot fail in a way that matters here
                    }
                }
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
