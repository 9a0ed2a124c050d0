package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.KafkaCluster;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;
import org.sfcrime.testing.SharedBroker;

/**
 * The job on a cluster of several machines, as far as one machine can show it: HDFS started by
 * scripts/hdfs.sh (a NameNode and two DataNodes) holds the checkpoint, the files sink and the
 * radio codes; a standalone master with two workers that share no local folder runs the tasks.
 * Worker, DataNode and job are killed with SIGKILL while the job works, and the counts must
 * still equal the oracle's, in Kafka and in the files read back out of HDFS.
 */
class HdfsClusterIT {

    private static final String TOPIC = "hdfs.calls";
    /** The job's default watermark delay (config/stream-job.properties). */
    private static final Duration WATERMARK = Duration.ofMinutes(30);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    static Path stateDir;
    private static int hdfsPort;
    private static int hdfsHttpPort;
    private static int masterPort;
    private static int webUiPort;
    private static String hdfs;
    private static String masterUrl;

    @BeforeAll
    static void startHdfsAndClusterAndLoadTopic() throws IOException {
        hdfsPort = KafkaCluster.freePortRange(7); // the NameNode, then 3 ports per DataNode
        hdfsHttpPort = freePort();
        masterPort = freePort();
        webUiPort = KafkaCluster.freePortRange(3);
        hdfs = lastLine(Commands.run(SCRIPT_TIMEOUT, hdfsCommand("start")));
        assertEquals("hdfs://127.0.0.1:" + hdfsPort, hdfs);
        masterUrl = lastLine(Commands.run(SCRIPT_TIMEOUT, clusterCommand("start")));

        broker.createTopic(TOPIC, 3);
        CommandResult replay = Commands.run(SCRIPT_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--input", ProjectPaths.sampleCalls().toString()));
        assertEquals(0, replay.exitCode(), replay.describe());
    }

    @AfterAll
    static void stopClusterAndHdfs() {
        if (stateDir != null) {
            Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/spark-cluster.sh", "stop", "--dir", stateDir.resolve("spark").toString(),
                    "--timeout", "20"));
            Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/hdfs.sh", "stop", "--dir", stateDir.resolve("hdfs").toString(),
                    "--timeout", "20"));
        }
    }

    @Test
    void continuousJobOnHdfsSurvivesALostWorkerAndARestartWithExactCountsInKafkaAndFiles(@TempDir Path dir) throws Exception {
        ensureClusterAndHdfsRun();
        String countsTopic = TOPIC + ".counts-a";
        String checkpoint = hdfs + "/a/checkpoint";
        String output = hdfs + "/a/counts";
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> job = jobCommand(List.of(), "--sinks", "kafka,files", "--output-topic", countsTopic, "--checkpoint", checkpoint,
                "--output-dir", output, "--metrics-file", metrics.toString(), "--max-offsets-per-trigger", "1000");
        try (RunningCommand continuous = Commands.start(job, null)) {
            int batchesAtKill = awaitBatches(metrics, 2, continuous, () -> hasExecutor(stateDir.resolve("spark/worker-1/work")));
            killWithDescendants(stateDir.resolve("spark/worker-1.pid"));
            awaitBatches(metrics, batchesAtKill + 2, continuous, () -> true);
        } // closing it kills the driver with SIGKILL: no shutdown hook runs
        ensureClusterAndHdfsRun();

        List<String> restart = new ArrayList<>(job);
        restart.add("--bounded");
        CommandResult bounded = Commands.run(JOB_TIMEOUT, restart);
        assertEquals(0, bounded.exitCode(), bounded.describe());
        assertTrue(bounded.stderr().contains("  checkpoint    " + checkpoint + "\n"), bounded.describe());

        Path sample = ProjectPaths.sampleCalls();
        assertEquals(WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes()),
                CountsTopic.latestCounts(broker.bootstrapServers(), countsTopic, SCRIPT_TIMEOUT), "kafka sink vs oracle");
        Map<String, String> expectedFinal = WindowedCountsOracle.finalHourlyCounts(sample, ProjectPaths.radioCodes(), WATERMARK);
        assertTrue(expectedFinal.size() > 100, "the oracle should hold many final windows, holds " + expectedFinal.size());
        assertEquals(expectedFinal, FilesSink.committedCounts(copyOut(output, dir.resolve("counts"))), "files sink on HDFS vs oracle");
    }

    @Test
    void jobFinishesWithExactCountsWhenADataNodeIsKilledWhileItWrites(@TempDir Path dir) throws Exception {
        ensureClusterAndHdfsRun();
        String countsTopic = TOPIC + ".counts-b";
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> job = jobCommand(List.of("--conf", "spark.hadoop.dfs.replication=2"), "--sinks", "kafka",
                "--output-topic", countsTopic, "--checkpoint", hdfs + "/b/checkpoint", "--metrics-file", metrics.toString(),
                "--max-offsets-per-trigger", "1500", "--bounded");
        CommandResult result;
        try (RunningCommand bounded = Commands.start(job, null)) {
            awaitBatches(metrics, 2, bounded, () -> true);
            killWithDescendants(stateDir.resolve("hdfs/datanode-2.pid"));
            result = bounded.await(JOB_TIMEOUT);
        }
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(WindowedCountsOracle.hourlyCounts(ProjectPaths.sampleCalls(), ProjectPaths.radioCodes()),
                CountsTopic.latestCounts(broker.bootstrapServers(), countsTopic, SCRIPT_TIMEOUT), "kafka sink vs oracle");

        CommandResult status = Commands.run(SCRIPT_TIMEOUT, hdfsCommand("status"));
        assertEquals(1, status.exitCode(), status.describe());
        assertTrue(status.stdout().contains("datanode-2  stopped"), status.describe());
        CommandResult restarted = Commands.run(SCRIPT_TIMEOUT, hdfsCommand("start"));
        assertEquals(0, restarted.exitCode(), restarted.describe());
        assertTrue(restarted.stderr().contains("DataNode 1 is already running"), restarted.describe());
        assertTrue(restarted.stderr().contains("starting DataNode 2"), restarted.describe());
        assertTrue(restarted.stdout().endsWith(hdfs + "\n"), restarted.describe());
    }

    @Test
    void jobInClusterDeployModeReadsItsJarRadioCodesAndCheckpointFromHdfs() throws Exception {
        ensureClusterAndHdfsRun();
        String countsTopic = TOPIC + ".counts-c";
        CommandResult put = Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/hdfs-dfs", "-put",
                ProjectPaths.resolve("stream-job/target/stream-job.jar").toString(), ProjectPaths.radioCodes().toString(), hdfs + "/"));
        assertEquals(0, put.exitCode(), put.describe());

        // The driver runs on a worker: spark-submit waits for it and says how it ended.
        CommandResult submitted = Commands.run(JOB_TIMEOUT, List.of("bash", "scripts/spark-submit", "--master", masterUrl,
                "--deploy-mode", "cluster", "--driver-memory", "512m", "--conf", "spark.standalone.submit.waitAppCompletion=true",
                hdfs + "/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--bounded",
                "--sinks", "kafka", "--output-topic", countsTopic, "--radio-codes", hdfs + "/radio_code.json",
                "--checkpoint", hdfs + "/c/checkpoint", "--ui-port", "0"));

        assertEquals(0, submitted.exitCode(), submitted.describe());
        assertEquals(WindowedCountsOracle.hourlyCounts(ProjectPaths.sampleCalls(), ProjectPaths.radioCodes()),
                CountsTopic.latestCounts(broker.bootstrapServers(), countsTopic, SCRIPT_TIMEOUT), "kafka sink vs oracle");
    }

    @Test
    void storageThatCannotBeUsedIsOneLineAndExit1WithinSeconds() throws IOException {
        String absent = "hdfs://127.0.0.1:" + freePort() + "/cp";
        assertOneLineFailure(List.of("--checkpoint", absent), "error: --checkpoint " + absent + ": cannot reach its file system (");
        assertOneLineFailure(List.of("--checkpoint", "s3a://bucket/cp"), "error: --checkpoint s3a://bucket/cp: no Hadoop FileSystem"
                + " for scheme 's3a' on the class path; add it to spark-submit with --packages org.apache.hadoop:hadoop-aws:3.5.0");
        assertOneLineFailure(List.of("--checkpoint", hdfs + "/d", "--sinks", "files", "--output-dir", "hdfs:///out"),
                "error: --output-dir hdfs:///out: the URI names no host; write it as hdfs://HOST:PORT/PATH");
    }

    private static void assertOneLineFailure(List<String> options, String expectedStart) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit", "--master", "local[1]",
                "stream-job/target/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC,
                "--bounded", "--ui-port", "0"));
        command.addAll(options);
        CommandResult result = Commands.run(Duration.ofMinutes(2), command);

        assertEquals(1, result.exitCode(), result.describe());
        List<String> errors = result.stderr().lines().filter(line -> line.startsWith("error")).toList();
        assertEquals(1, errors.size(), result.describe());
        assertTrue(errors.get(0).startsWith(expectedStart), result.describe());
        assertFalse(result.stderr().contains("\tat "), "no stack trace\n" + result.describe());
        assertTrue(result.wallSeconds() < 60, "took " + result.wallSeconds() + " s\n" + result.describe());
    }

    private static List<String> jobCommand(List<String> submitOptions, String... jobOptions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit", "--master", masterUrl));
        command.addAll(submitOptions);
        command.addAll(List.of("stream-job/target/stream-job.jar", "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC,
                "--ui-port", "0"));
        command.addAll(List.of(jobOptions));
        return command;
    }

    /** Starts what a previous test killed; both scripts leave running daemons alone. */
    private static void ensureClusterAndHdfsRun() {
        assertEquals(hdfs, lastLine(Commands.run(SCRIPT_TIMEOUT, hdfsCommand("start"))));
        assertEquals(masterUrl, lastLine(Commands.run(SCRIPT_TIMEOUT, clusterCommand("start"))));
    }

    private static List<String> hdfsCommand(String action) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/hdfs.sh", action, "--dir", stateDir.resolve("hdfs").toString()));
        if (action.equals("start")) {
            command.addAll(List.of("--datanodes", "2", "--port", Integer.toString(hdfsPort), "--http-port", Integer.toString(hdfsHttpPort),
                    "--timeout", "240"));
        }
        return command;
    }

    private static List<String> clusterCommand(String action) {
        return List.of("bash", "scripts/spark-cluster.sh", action, "--dir", stateDir.resolve("spark").toString(), "--workers", "2",
                "--cores", "1", "--memory", "1g", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(webUiPort),
                "--timeout", "240");
    }

    private static String lastLine(CommandResult result) {
        assertEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.stdout().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Copies a folder out of HDFS with Hadoop's own FsShell. */
    private static Path copyOut(String uri, Path local) {
        CommandResult copy = Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/hdfs-dfs", "-get", uri, local.toString()));
        assertEquals(0, copy.exitCode(), copy.describe());
        return local;
    }

    /** Waits until the job has reported {@code batches} batches and the condition holds; returns the batches. */
    private static int awaitBatches(Path metrics, int batches, RunningCommand job, Condition condition) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // whole lines only: the job may be writing the next one
            int reported = Files.exists(metrics) ? (int) Files.readString(metrics).chars().filter(c -> c == '\n').count() : 0;
            if (reported >= batches && condition.holds()) {
                return reported;
            }
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before the fault: " + job.stderrSoFar());
            }
            RunningCommand.sleep(100);
        }
        throw new AssertionError("the job did not report " + batches + " batches within " + JOB_TIMEOUT + ": " + job.stderrSoFar());
    }

    private interface Condition {
        boolean holds() throws IOException;
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

    /** SIGKILL to the daemon of the pid file and to what it started, as a lost machine would look. */
    private static void killWithDescendants(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(pidFile + ": pid " + pid + " is not running"));
        List<ProcessHandle> children = daemon.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        daemon.destroyForcibly();
        daemon.onExit().join();
        children.forEach(child -> child.onExit().join());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
