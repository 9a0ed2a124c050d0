package org.sfcrime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;

/**
 * A real Kafka cluster of N KRaft nodes (each broker and controller) for tests, started with the
 * project's scripts/start.sh --brokers N on free loopback ports in a temporary folder and stopped
 * with scripts/stop.sh. Nodes are numbered 1..N, which is also their node.id. A node can be
 * SIGKILLed as in a crash and brought back by running start.sh again, as a user would. A secured
 * cluster ({@link #startSecure}) is start.sh --secure's: SASL_SSL only, with a client file per user.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(300);
    /** start.sh's own wait for the nodes, in seconds; shorter than SCRIPT_TIMEOUT so that it reports why. */
    private static final int NODE_START_TIMEOUT_S = 240;
    private static final String DEFAULT_TOPIC = "police.department.calls";

    private final Path dir;
    private final int nodes;
    private final int firstPort;
    private final boolean secure;
    /** What every run of start.sh printed, for tests that check its output. */
    private final List<CommandResult> startRuns = new CopyOnWriteArrayList<>();

    private KafkaCluster(Path dir, int nodes, int firstPort, boolean secure) {
        this.dir = dir;
        this.nodes = nodes;
        this.firstPort = firstPort;
        this.secure = secure;
    }

    /** Starts N nodes and waits until all serve requests; creates only start.sh's default topic. */
    public static KafkaCluster start(int nodes) {
        return start(nodes, false);
    }

    /**
     * As {@link #start(int)} with start.sh --secure: clients on SASL_SSL only, users admin, producer,
     * consumer, stream-job and dashboard, the job's output topics, ACLs for start.sh's default topic,
     * and a client file per user.
     */
    public static KafkaCluster startSecure(int nodes) {
        return start(nodes, true);
    }

    private static KafkaCluster start(int nodes, boolean secure) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kafka-cluster-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaCluster cluster = new KafkaCluster(dir, nodes, freePortRange(2 * nodes), secure);
        try {
            cluster.runStartScript(DEFAULT_TOPIC, 3);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The bootstrap list of all nodes, as start.sh prints it: {@code 127.0.0.1:P1,127.0.0.1:P2,...}. */
    public String bootstrapServers() {
        return IntStream.rangeClosed(1, nodes).mapToObj(node -> "127.0.0.1:" + (firstPort + node - 1))
                .collect(Collectors.joining(","));
    }

    public int nodes() {
        return nodes;
    }

    /** The state folder given to start.sh --dir. */
    public Path dir() {
        return dir;
    }

    /** A secured cluster's client properties file of {@code user} (admin, producer, consumer, stream-job, dashboard). */
    public Path clientFile(String user) {
        return dir.resolve("client-" + user + ".properties");
    }

    /** What start.sh printed each time it ran for this cluster. */
    public List<CommandResult> startRuns() {
        return List.copyOf(startRuns);
    }

    /**
     * Creates a topic (if missing) through start.sh, with min(3, N) replicas per partition; in a
     * secured cluster start.sh also grants the users their ACLs on it.
     */
    public void createTopic(String topic, int partitions) {
        runStartScript(topic, partitions);
    }

    /** Kills node {@code node} with SIGKILL, as a crash would, and waits until the process is gone. */
    public void kill(int node) {
        ProcessHandle handle = process(node)
                .orElseThrow(() -> new IllegalStateException("node " + node + " is not running"));
        handle.destroyForcibly();
        handle.onExit().join();
    }

    public boolean isRunning(int node) {
        return process(node).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Brings node {@code node} back, e.g. after {@link #kill(int)}: start.sh starts every node that is down. */
    public void restart(int node) {
        checkNode(node);
        runStartScript(DEFAULT_TOPIC, 3);
    }

    /** The node leading a partition, as the cluster's metadata says (waits while an election is under way). */
    public int leaderOf(String topic, int partition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic);
                Node leader = description.partitions().get(partition).leader();
                if (leader != null && !leader.isEmpty()) {
                    return leader.id();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("partition " + partition + " of " + topic + " has no leader after 60 s");
                }
                Thread.sleep(500);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
    }

    public Path logFile(int node) {
        return nodeDir(node).resolve("server.log");
    }

    /** Stops every node (stop.sh, SIGKILL after its timeout) and deletes the folder. */
    @Override
    public void close() {
        Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/stop.sh", "--dir", dir.toString(), "--timeout", "20"));
        deleteRecursively(dir);
    }

    private void runStartScript(String topic, int partitions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/start.sh",
                "--brokers", Integer.toString(nodes), "--port", Integer.toString(firstPort),
                "--controller-port", Integer.toString(firstPort + nodes), "--dir", dir.toString(),
                "--topic", topic, "--partitions", Integer.toString(partitions),
                "--timeout", Integer.toString(NODE_START_TIMEOUT_S)));
        if (secure) {
            command.add("--secure");
        }
        CommandResult result = Commands.run(SCRIPT_TIMEOUT, command);
        startRuns.add(result);
        List<String> lines = result.stdout().lines().toList();
        if (result.exitCode() != 0 || lines.isEmpty() || !lines.get(lines.size() - 1).equals(bootstrapServers())) {
            throw new IllegalStateException("scripts/start.sh failed:\n" + result.describe());
        }
    }

    private Path nodeDir(int node) {
        checkNode(node);
        return dir.resolve("node-" + node);
    }

    private void checkNode(int node) {
        if (node < 1 || node > nodes) {
            throw new IllegalArgumentException("no node " + node + " in a cluster of " + nodes);
        }
    }

    private Optional<ProcessHandle> process(int node) {
        try {
            Path pidFile = nodeDir(node).resolve("kafka.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of {@code count} consecutive ports that are free now, below Linux's ephemeral range
     * (32768 and up) so that no client connection takes one before the broker (or another daemon) binds it.
     */
    public static int freePortRange(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 32768 - count);
            if (IntStream.range(first, first + count).allMatch(KafkaCluster::isFree)) {
                return first;
            }
        }
        throw new IllegalStateException("found no " + count + " consecutive free ports in 20000-32767");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
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
