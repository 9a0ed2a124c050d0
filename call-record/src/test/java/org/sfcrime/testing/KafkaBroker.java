package org.sfcrime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Kafka broker process for tests, started and stopped with the project's own
 * scripts/start.sh and scripts/stop.sh on free loopback ports and a temporary folder.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(240);

    private final Path dir;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker and creates no topic (tests create what they need). */
    public static KafkaBroker start() {
        try {
            Path dir = Files.createTempDirectory("kafka-test");
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
            broker.startProcess("police.department.calls", 3);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic (if missing) with the Kafka CLI from the same jars. */
    public void createTopic(String topic, int partitions) {
        startProcess(topic, partitions);
    }

    /** Kills the broker process without letting it shut down cleanly, as a crash would. */
    public void kill() {
        processHandle().ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    /** Starts the broker again on the same ports and data folder, e.g. after {@link #kill()}. */
    public void restart() {
        startProcess("police.department.calls", 3);
    }

    public Path logFile() {
        return dir.resolve("server.log");
    }

    @Override
    public void close() {
        Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/stop.sh", "--dir", dir.toString(), "--timeout", "20"));
        deleteRecursively(dir);
    }

    private void startProcess(String topic, int partitions) {
        CommandResult result = Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/start.sh",
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--dir", dir.toString(), "--topic", topic, "--partitions", Integer.toString(partitions)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("scripts/start.sh failed:\n" + result.describe());
        }
    }

    private java.util.Optional<ProcessHandle> processHandle() {
        try {
            Path pidFile = dir.resolve("kafka.pid");
            if (!Files.exists(pidFile)) {
                return java.util.Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder left behind does not affect later runs
        }
    }
}
