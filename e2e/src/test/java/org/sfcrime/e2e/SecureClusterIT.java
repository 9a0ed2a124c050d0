package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.KafkaCluster;
import org.sfcrime.testing.ProjectPaths;

/**
 * The secured path as users meet it: a broker started by scripts/start.sh --secure (SASL_SSL with
 * SCRAM users, ACLs, a private CA), every component run as a separate process through the client
 * file start.sh wrote for its user, every failure a user meets there, and no secret in anything
 * they print or write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureClusterIT {

    private static final String TOPIC = "police.department.calls";
    private static final String COUNTS_TOPIC = TOPIC + ".counts";
    /** A topic no user but admin has an ACL on. */
    private static final String FOREIGN_TOPIC = "secured.other";
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    /** The clients' timeout in the failure cases: each must end within it, plus a JVM's start. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /** The job's check of Kafka is bounded by its own 30 s. */
    private static final Duration JOB_CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_SLACK = Duration.ofSeconds(10);
    private static final List<String> USERS = List.of("admin", "producer", "consumer", "stream-job", "dashboard");

    /** What the tools write: searched for secrets. */
    @TempDir
    static Path work;
    /** The tests' own client files, changed copies of start.sh's: secret by design, not searched. */
    @TempDir
    static Path clientFiles;

    private static KafkaCluster cluster;
    /** Everything the tools printed, for the leak test. */
    private static final List<CommandResult> printed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSecuredBroker() {
        cluster = KafkaCluster.startSecure(1);
        printed.addAll(cluster.startRuns());
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void secretsAndClientFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path secrets = cluster.dir().resolve("secrets");
        assertEquals("rwx------", permissions(secrets));
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
        for (String user : USERS) {
            assertEquals("rw-------", permissions(cluster.clientFile(user)), user);
        }
        assertEquals("rw-------", permissions(cluster.dir().resolve("node-1/server.properties")));
    }

    @Test
    @Order(2)
    void bundledSampleThroughSaslSslIsDeliveredExactlyAndCountedAsTheOracleSays() throws Exception {
        Path sample = ProjectPaths.sampleCalls();
        long valid = WindowedCountsOracle.validCalls(sample);

        CommandResult replay = run(CLI_TIMEOUT, Commands.javaJar(jar("producer"),
                "--producer-config", cluster.clientFile("producer").toString(), "--input", sample.toString()));
        assertEquals(0, replay.exitCode(), replay.describe());
        assertTrue(replay.stderr().lines().anyMatch(line -> line.matches("\\s*acknowledged\\s+" + String.format("%,d", valid))),
                replay.describe());

        CommandResult verify = run(CLI_TIMEOUT, Commands.javaJar(jar("consumer"),
                "--consumer-config", cluster.clientFile("consumer").toString(), "--verify", sample.toString()));
        assertEquals(0, verify.exitCode(), verify.describe());

        CommandResult console = run(CLI_TIMEOUT, Commands.javaJar(jar("consumer"),
                "--consumer-config", cluster.clientFile("consumer").toString(), "--from-beginning", "--max-messages", "3"));
        assertEquals(0, console.exitCode(), console.describe());
        assertEquals(3, console.stdout().lines().filter(line -> line.startsWith("{\"crime_id\"")).count(), console.describe());

        Path output = work.resolve("counts");
        CommandResult job = run(JOB_TIMEOUT, List.of("bash", "scripts/spark-submit", "--master", "local[2]",
                // The event log holds what the UI's environment page shows; uncompressed, so it can be searched.
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + eventLogs().toUri(),
                "--conf", "spark.eventLog.compress=false",
                "stream-job/target/stream-job.jar", "--kafka-config", cluster.clientFile("stream-job").toString(),
                "--bounded", "--sinks", "kafka,files", "--output-dir", output.toString(),
                "--metrics-file", work.resolve("metrics.jsonl").toString(), "--ui-port", "0"));
        assertEquals(0, job.exitCode(), job.describe());
        assertTrue(job.stderr().contains("0 late dropped, 0 rejected"), job.describe());

        Map<String, String> expected = WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes());
        Map<String, String> counted = CountsTopic.latestCounts(cluster.bootstrapServers(), cluster.clientFile("admin"),
                COUNTS_TOPIC, CLI_TIMEOUT);
        assertEquals(expected, counted);
        Map<String, String> expectedFinal = WindowedCountsOracle.finalHourlyCounts(sample, ProjectPaths.radioCodes(),
                Duration.ofMinutes(30));
        assertEquals(expectedFinal, FilesSink.committedCounts(output));

        // The dashboard as its own user, who may only read the job's output topics.
        try (DashboardProcess dashboard = DashboardProcess.start("--consumer-config", cluster.clientFile("dashboard").toString())) {
            assertEquals(expected, dashboard.countsOnceEqualTo(expected), "/api/counts as user dashboard");
            printed.add(dashboard.stop());
        }
    }

    @Test
    @Order(3)
    void everySecurityFailureIsOneLineWithExitOneWithinItsTimeout() throws Exception {
        String servers = cluster.bootstrapServers();
        Path wrongPassword = variant("producer", "wrong-password", text -> text.replaceAll("password=\"[^\"]*\"",
                "password=\"not-the-password\""));
        Path jobWrongPassword = variant("stream-job", "job-wrong-password", text -> text.replaceAll("password=\"[^\"]*\"",
                "password=\"not-the-password\""));
        Path untrusted = variant("producer", "untrusted", text -> text.replaceAll("(?m)^ssl\\.truststore\\..*$", ""));
        Path missingStore = clientFiles.resolve("no-such-truststore.p12");
        Path wrongStore = variant("producer", "wrong-store", text -> text.replaceAll("(?m)^ssl\\.truststore\\.location=.*$",
                "ssl.truststore.location=" + missingStore));
        Path missing = clientFiles.resolve("no-such-client.properties");
        Path unreadable = Files.createDirectories(clientFiles.resolve("a-folder.properties"));
        String timeoutMs = Long.toString(CLIENT_TIMEOUT.toMillis());
        Duration cli = CLIENT_TIMEOUT.plus(STARTUP_SLACK);
        Duration jobCheck = JOB_CHECK_TIMEOUT.plus(STARTUP_SLACK);

        // The plaintext client waits out its timeout: first, so that the others run meanwhile.
        List<FailureCase> cases = List.of(
                new FailureCase(Commands.javaJar(jar("consumer"), "--bootstrap-server", servers, "--timeout-ms", timeoutMs), cli,
                        "the broker at " + servers + " did not answer a PLAINTEXT client; it may expect TLS/SASL: pass"
                                + " --consumer-config FILE with security.protocol=SASL_SSL (scripts/start.sh --secure writes"
                                + " one per user)"),
                new FailureCase(producer(wrongPassword, timeoutMs), cli,
                        "authentication failed for user producer at " + servers + " (SASL/SCRAM-SHA-512)"),
                new FailureCase(producer(cluster.clientFile("consumer"), timeoutMs), cli,
                        "user consumer is not authorized to write topic " + TOPIC),
                new FailureCase(Commands.javaJar(jar("consumer"), "--consumer-config", cluster.clientFile("producer").toString(),
                        "--verify", ProjectPaths.sampleCalls().toString(), "--timeout-ms", timeoutMs), cli,
                        "user producer is not authorized to read topic " + TOPIC),
                new FailureCase(Commands.javaJar(jar("consumer"), "--consumer-config", cluster.clientFile("consumer").toString(),
                        "--topic", FOREIGN_TOPIC, "--timeout-ms", timeoutMs), cli,
                        "user consumer is not authorized to describe topic " + FOREIGN_TOPIC),
                new FailureCase(producer(untrusted, timeoutMs), cli,
                        "the certificate of the broker at " + servers + " is not trusted (no path to a trusted CA): set"
                                + " ssl.truststore.location and ssl.truststore.password in --producer-config FILE to a"
                                + " truststore holding the broker's CA (scripts/start.sh --secure: DIR/secrets/truststore.p12)"),
                new FailureCase(producer(missing, timeoutMs), cli, missing + ": no such file (--producer-config)"),
                new FailureCase(Commands.javaJar(jar("consumer"), "--consumer-config", unreadable.toString(),
                        "--timeout-ms", timeoutMs), cli, unreadable + ": cannot read (--consumer-config): Is a directory"),
                new FailureCase(producer(wrongStore, timeoutMs), cli,
                        missingStore + ": no such file (ssl.truststore.location in " + wrongStore + ")"),
                new FailureCase(job(jobWrongPassword), jobCheck,
                        "authentication failed for user stream-job at " + servers + " (SASL/SCRAM-SHA-512)"),
                new FailureCase(job(cluster.clientFile("producer")), jobCheck,
                        "user producer is not authorized to read topic " + TOPIC));

        // Independent processes, mostly a JVM's start or a wait: three at a time on two cores.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Kafka's own tools, through the wrapper scripts, take start.sh's client files as they are. A user
            // without an ACL on the topic may not even describe it, whether it exists yet or not.
            Future<TimedResult> created = pool.submit(() -> timed(List.of("bash", "scripts/kafka-topics",
                    "--bootstrap-server", servers, "--command-config", cluster.clientFile("admin").toString(),
                    "--create", "--topic", FOREIGN_TOPIC, "--partitions", "1")));
            List<Future<TimedResult>> results = new ArrayList<>();
            for (FailureCase failure : cases) {
                results.add(pool.submit(() -> timed(failure.command())));
            }
            for (int i = 0; i < cases.size(); i++) {
                FailureCase failure = cases.get(i);
                TimedResult result = results.get(i).get();
                CommandResult outcome = result.result();
                assertEquals(1, outcome.exitCode(), outcome.describe());
                assertEquals("", outcome.stdout(), outcome.describe());
                assertEquals(List.of("error: " + failure.line()), outcome.stderr().lines().toList(), outcome.describe());
                assertTrue(result.took().compareTo(failure.within()) < 0,
                        "took " + result.took().toMillis() + " ms, more than " + failure.within().toMillis() + " ms: "
                                + outcome.describe());
            }
            assertEquals(0, created.get().result().exitCode(), created.get().result().describe());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void noSecretAppearsInAnythingTheToolsPrintOrWrite() throws IOException {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.dir().resolve("secrets"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".password")).toList()) {
                secrets.add(Files.readString(file).strip());
            }
        }
        assertEquals(USERS.size() + 1, secrets.size(), "a password per user and the key stores'");
        assertTrue(printed.size() >= 10, "outputs collected: " + printed.size());

        List<String> leaks = new ArrayList<>();
        for (CommandResult result : printed) {
            for (String secret : secrets) {
                if (result.stdout().contains(secret) || result.stderr().contains(secret)) {
                    leaks.add(String.join(" ", result.command()));
                }
            }
        }
        // What the job wrote (event log, sinks, metrics) and what the broker logged.
        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            written.addAll(files.filter(Files::isRegularFile).toList());
        }
        written.add(cluster.dir().resolve("node-1/server.log"));
        written.add(cluster.dir().resolve("acls.log"));
        assertTrue(written.stream().anyMatch(path -> path.startsWith(eventLogs())), "the job's event log: " + written);
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), leaks, "secret values found in");
    }

    private static CommandResult run(Duration timeout, List<String> command) {
        CommandResult result = Commands.run(timeout, command);
        printed.add(result);
        return result;
    }

    private static TimedResult timed(List<String> command) {
        long started = System.nanoTime();
        CommandResult result = run(JOB_TIMEOUT, command);
        return new TimedResult(result, Duration.ofNanos(System.nanoTime() - started));
    }

    private static List<String> producer(Path clientFile, String timeoutMs) {
        return Commands.javaJar(jar("producer"), "--producer-config", clientFile.toString(), "--timeout-ms", timeoutMs,
                "--input", ProjectPaths.sampleCalls().toString());
    }

    private static List<String> job(Path clientFile) {
        return List.of("bash", "scripts/spark-submit", "--master", "local[1]", "stream-job/target/stream-job.jar",
                "--kafka-config", clientFile.toString(), "--bounded", "--sinks", "kafka", "--ui-port", "0");
    }

    /** A copy of {@code user}'s client file, changed; owner-only as the original. */
    private static Path variant(String user, String name, java.util.function.UnaryOperator<String> change) throws IOException {
        Path file = clientFiles.resolve(name + ".properties");
        Files.writeString(file, change.apply(Files.readString(cluster.clientFile(user))));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Path eventLogs() {
        try {
            return Files.createDirectories(work.resolve("event-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(String module) {
        return ProjectPaths.resolve(module + "/target/" + module + ".jar");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** A command that must fail with exactly {@code line} after "error: ", in less than {@code within}. */
    private record FailureCase(List<String> command, Duration within, String line) {
    }

    private record TimedResult(CommandResult result, Duration took) {
    }
}
