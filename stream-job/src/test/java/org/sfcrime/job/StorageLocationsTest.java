package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandFailure;

/** Locations are Hadoop URIs or local paths, never mangled, and a storage that cannot be used is one line, quickly. */
class StorageLocationsTest {

    private final Configuration hadoop = new Configuration();

    @Test
    void queryCheckpointsKeepTheSchemeAndHostOfTheirRoot() throws IOException {
        assertEquals("hdfs://h:9000/x/counts-kafka", checkpointOf("hdfs://h:9000/x", "counts-kafka"));
        assertEquals("file:/x/counts-kafka", checkpointOf("file:///x", "counts-kafka"));
        assertEquals("/x/counts-kafka", checkpointOf("/x", "counts-kafka"));
        assertEquals("x/counts-kafka", checkpointOf("x", "counts-kafka"));
        assertEquals("s3a://b/x/enriched", checkpointOf("s3a://b/x", "enriched"));
    }

    @Test
    void onlyPathsWithoutSchemeOrLeadingSlashAreRelative() {
        assertFalse(StorageLocations.isRelative("hdfs://h:9000/x"));
        assertFalse(StorageLocations.isRelative("file:///x"));
        assertFalse(StorageLocations.isRelative("/x"));
        assertTrue(StorageLocations.isRelative("x"));
        assertFalse(StorageLocations.isRelative("s3a://b/x"));
    }

    @Test
    void onlyFileSchemeAndPlainPathsAreLocal() {
        assertFalse(StorageLocations.isLocal("hdfs://h:9000/x", hadoop));
        assertTrue(StorageLocations.isLocal("file:///x", hadoop));
        assertTrue(StorageLocations.isLocal("/x", hadoop));
        assertTrue(StorageLocations.isLocal("x", hadoop));
        assertFalse(StorageLocations.isLocal("s3a://b/x", hadoop));
    }

    @Test
    void plainPathsAreOnTheDefaultFileSystemWhenItIsHdfs() {
        Configuration onHdfs = new Configuration();
        onHdfs.set("fs.defaultFS", "hdfs://h:9000");

        assertFalse(StorageLocations.isLocal("/x", onHdfs));
        assertTrue(StorageLocations.isLocal("file:///x", onHdfs));
    }

    @Test
    void reachableLocalPathIsShownAsAFullUri(@TempDir Path dir) {
        assertEquals("file:" + dir + "/cp", StorageLocations.requireReachable("--checkpoint", dir + "/cp", hadoop));
        assertEquals("file:" + dir, StorageLocations.requireReachable("--checkpoint", "file://" + dir, hadoop));
    }

    @Test
    void namenodeThatDoesNotAnswerIsOneLineWithinSeconds() throws IOException {
        String uri = "hdfs://127.0.0.1:" + freePort() + "/cp";
        long started = System.nanoTime();

        CommandFailure failure = assertThrows(CommandFailure.class, () -> StorageLocations.requireReachable("--checkpoint", uri, hadoop));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        assertTrue(failure.getMessage().startsWith("--checkpoint " + uri + ": cannot reach its file system ("), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("check that " + uri.substring(7, uri.length() - 3) + " is up (for HDFS the NameNode;"
                + " scripts/hdfs.sh start runs one) and that the host and port are right"), failure.getMessage());
        assertEquals(1, failure.getMessage().lines().count());
    }

    @Test
    void s3aWithoutItsFileSystemNamesThePackageOfSparksHadoopVersion() {
        CommandFailure failure = assertThrows(CommandFailure.class,
                () -> StorageLocations.requireReachable("--checkpoint", "s3a://b/x", hadoop));

        assertEquals("--checkpoint s3a://b/x: no Hadoop FileSystem for scheme 's3a' on the class path; add it to spark-submit"
                + " with --packages org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion(), failure.getMessage());
    }

    @Test
    void uriWithoutHostSaysHowToWriteIt() {
        CommandFailure failure = assertThrows(CommandFailure.class,
                () -> StorageLocations.requireReachable("--output-dir", "hdfs:///out", hadoop));

        assertEquals("--output-dir hdfs:///out: the URI names no host; write it as hdfs://HOST:PORT/PATH (for HDFS, the"
                + " NameNode's address, e.g. hdfs://127.0.0.1:9000/out)", failure.getMessage());
    }

    private static String checkpointOf(String root, String query) throws IOException {
        try (CheckpointRoot checkpoints = new CheckpointRoot(root)) {
            return checkpoints.of(query);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
