package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.sfcrime.cli.CommandLines;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a cluster master the job refuses, before Spark or Kafka is contacted, folders that the
 * executors cannot share and a standalone master that is not there: one line, exit 2 or 1.
 */
// Sets the system property spark.master, which every SparkConf of a class running beside it would read.
@Isolated
class ClusterPreflightTest {

    private static final String MASTER = "spark://127.0.0.1:7077";
    private static final String SHARED = "the driver and every executor must see the same folder (on one machine a local"
            + " absolute path, across machines HDFS or an object store)";

    @Test
    void temporaryCheckpointIsRefusedUnderAClusterMaster() {
        Outcome outcome = runUnder(MASTER, "--sinks", "kafka");

        assertEquals(2, outcome.exitCode);
        assertEquals("error: under the cluster master " + MASTER + " the job needs --checkpoint DIR, because a temporary"
                + " checkpoint exists on the driver only: " + SHARED, outcome.errorLine());
    }

    @Test
    void relativeCheckpointAndOutputDirAreRefusedUnderAClusterMaster() {
        Outcome outcome = runUnder("yarn", "--sinks", "kafka,files", "--checkpoint", "state/cp", "--output-dir", "out");

        assertEquals(2, outcome.exitCode);
        assertEquals("error: under the cluster master yarn --checkpoint state/cp and --output-dir out must be absolute paths: "
                + SHARED, outcome.errorLine());
    }

    @Test
    void relativeRejectsDirIsRefusedUnderAClusterMaster(@TempDir Path dir) {
        Outcome outcome = runUnder("local-cluster[2,1,1024]", "--checkpoint", dir.toString(), "--rejects-dir", "rejects");

        assertEquals(2, outcome.exitCode);
        assertEquals("error: under the cluster master local-cluster[2,1,1024] --rejects-dir rejects must be an absolute path: "
                + SHARED, outcome.errorLine());
    }

    @Test
    void standaloneMasterThatIsNotRunningIsOneLineNamingItsUrl(@TempDir Path dir) throws IOException {
        String master = "spark://127.0.0.1:" + freePort();
        long started = System.nanoTime();

        Outcome outcome = runUnder(master, "--sinks", "kafka,files", "--checkpoint", dir.resolve("cp").toString(),
                "--output-dir", "hdfs://namenode:8020/counts");

        assertEquals(1, outcome.exitCode);
        assertEquals("error: cannot reach the Spark master at " + master + " within 5 s (is it running? try scripts/spark-cluster.sh"
                + " start)", outcome.errorLine());
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "the check should fail at once on a closed port");
    }

    @Test
    void localAbsolutePathsUnderAClusterMasterAreOneWarningLineAndUrisNone(@TempDir Path dir) throws IOException {
        // The warning comes once the master checks pass: a port that takes connections stands in for a
        // master without authentication (its silence reads as "not required" after the probe's timeout).
        Outcome outcome;
        String master;
        try (ServerSocket standIn = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            master = "spark://127.0.0.1:" + standIn.getLocalPort();
            outcome = runUnder(master, "--sinks", "kafka,files", "--checkpoint", dir.resolve("cp").toString(),
                    "--output-dir", "hdfs://namenode:8020/counts", "--rejects-dir", "file://" + dir.resolve("rejects"));
        }

        List<String> warnings = outcome.stderr.lines().filter(line -> line.startsWith("warning: ")).toList();
        assertEquals(List.of("warning: under the cluster master " + master + " --checkpoint " + dir.resolve("cp") + " and --rejects-dir file://"
                + dir.resolve("rejects") + " are local paths: every worker must see the same path (one machine or a shared mount);"
                + " across machines use hdfs:// or an object store"), warnings, outcome.stderr);
    }

    @Test
    void onlyLocalAndLocalNKeepEveryTaskInTheDriver() {
        assertFalse(ClusterPreflight.isCluster("local"));
        assertFalse(ClusterPreflight.isCluster("local[2]"));
        assertFalse(ClusterPreflight.isCluster("local[*]"));
        assertTrue(ClusterPreflight.isCluster("local-cluster[2,1,1024]"));
        assertTrue(ClusterPreflight.isCluster(MASTER));
        assertTrue(ClusterPreflight.isCluster("k8s://https://127.0.0.1:6443"));
    }

    /** The job as spark-submit starts it: the master arrives as the system property spark.master. */
    private static Outcome runUnder(String master, String... args) {
        StringWriter err = new StringWriter();
        System.setProperty("spark.master", master);
        try {
            int exitCode = CommandLines.execute(new StreamJob(), "stream-job", null, new PrintWriter(err, true), args);
            return new Outcome(exitCode, err.toString());
        } finally {
            System.clearProperty("spark.master");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Outcome(int exitCode, String stderr) {
        /** The one "error: " line; Spark may log a warning about this host's address before it. */
        String errorLine() {
            List<String> errors = stderr.lines().filter(line -> line.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), stderr);
            return errors.get(0);
        }
    }
}
