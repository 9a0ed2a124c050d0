package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.PropertiesFiles;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.KafkaCluster;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;

/**
 * The secured path as users meet it: three nodes started by scripts/start.sh --secure --brokers 3
 * (SASL_SSL with SCRAM users, least-privilege ACLs, a private CA, replication over SASL_SSL) and a
 * Spark cluster started by scripts/spark-cluster.sh start --secure, every component run as a
 * separate process through the client file start.sh wrote for its user, every failure a user
 * meets there, what each user may not do, a node killed mid-replay, and no secret in anything
 * they print or write, in any command line while the scripts run, or in a file others can read.
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
    /** A JVM's start and end on a machine that two cores share with other builds. */
    private static final Duration STARTUP_SLACK = Duration.ofSeconds(30);
    private static final List<String> USERS = List.of("admin", "producer", "consumer", "stream-job", "dashboard");
    private static final int NODES = 3;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    /** A submission without the secret must be refused within this, JVM start included. */
    private static final Duration REFUSAL_WITHIN = Duration.ofSeconds(90);

    /** What the tools write: searched for secrets. */
    @TempDir
    static Path work;
    /** The tests' own client files, changed copies of start.sh's: secret by design, not searched. */
    @TempDir
    static Path clientFiles;

    private static KafkaCluster cluster;
    /** The secured Spark cluster's folder and master URL. */
    private static Path sparkDir;
    private static String sparkMaster;
    /** Every command line seen on the machine while start.sh and spark-cluster.sh ran. */
    private static CommandLineWatch commandLines;
    /** Everything the tools printed, for the leak test. */
    private static final List<CommandResult> printed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSecuredClusters() throws Exception {
        commandLines = CommandLineWatch.start();
        try {
            cluster = KafkaCluster.startSecure(NODES);
            printed.addAll(cluster.startRuns());
            sparkDir = Files.createTempDirectory("secure-spark-cluster");
            CommandResult started = run(SCRIPT_TIMEOUT, List.of("bash", "scripts/spark-cluster.sh", "start", "--secure",
                    "--dir", sparkDir.toString(), "--workers", "1", "--cores", "2", "--memory", "1g",
                    "--port", Integer.toString(SparkClusterIT.freePortRun(1)), "--webui-port", Integer.toString(SparkClusterIT.freePortRun(2)),
                    "--timeout", "240"));
            assertEquals(0, started.exitCode(), started.describe());
            List<String> stdout = started.stdout().lines().toList();
            sparkMaster = stdout.get(stdout.size() - 1);
        } finally {
            commandLines.close();
        }
    }

    @AfterAll
    static void stopClusters() {
        if (sparkDir != null) {
            Commands.run(SCRIPT_TIMEOUT, List.of("bash", "scripts/spark-cluster.sh", "stop", "--dir", sparkDir.toString(),
                    "--timeout", "20"));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void secretsAndClientFilesAreReadableByTheirOwnerOnlyAndOnNoCommandLine() throws Exception {
        Path secrets = cluster.dir().resolve("secrets");
        for (Path folder : List.of(cluster.dir(), secrets, sparkDir, sparkDir.resolve("secrets"))) {
            assertEquals("rwx------", permissions(folder), folder.toString());
        }
        for (int node = 1; node <= NODES; node++) {
            assertEquals("rwx------", permissions(cluster.dir().resolve("node-" + node)));
            assertEquals("rwx------", permissions(cluster.dir().resolve("node-" + node + "/data")));
            assertEquals("rw-------", permissions(cluster.dir().resolve("node-" + node + "/server.properties")));
        }
        try (Stream<Path> files = Stream.concat(Files.list(secrets), Files.list(sparkDir.resolve("secrets")))) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
        for (String user : USERS) {
            assertEquals("rw-------", permissions(cluster.clientFile(user)), user);
        }
        assertEquals("rw-------", permissions(sparkDir.resolve("spark-secure.properties")));
        assertFalse(Files.exists(secrets.resolve("scram.args")), "the storage tool's argument file is deleted");

        // The watch saw the short-lived tools and the daemons, and not one secret among their arguments.
        assertTrue(commandLines.seen().stream().anyMatch(line -> line.contains("scram.args")), "the storage tool's run");
        assertTrue(commandLines.seen().stream().anyMatch(line -> line.contains("org.apache.spark.deploy.worker.Worker")));
        assertEquals(List.of(), commandLines.holding(allSecrets()), "command lines holding a secret");
    }

    @Test
    @Order(1)
    void clientsGetATruststoreWithoutAPrivateKeyAndNothingThatUnlocksTheCaKey() throws Exception {
        Path secrets = cluster.dir().resolve("secrets");
        String ca = Files.readString(secrets.resolve("ca.password")).strip();
        String broker = Files.readString(secrets.resolve("broker.password")).strip();
        String truststore = Files.readString(secrets.resolve("truststore.password")).strip();
        assertEquals(3, Set.of(ca, broker, truststore).size(), "one password per key store");
        for (String user : USERS) {
            String client = Files.readString(cluster.clientFile(user));
            assertFalse(client.contains(ca) || client.contains(broker), user + "'s client file unlocks a private key");
            assertTrue(client.contains("ssl.truststore.location=" + secrets.resolve("truststore.p12")), client);
        }
        KeyStore clientStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(secrets.resolve("truststore.p12"))) {
            clientStore.load(in, truststore.toCharArray());
        }
        for (String alias : Collections.list(clientStore.aliases())) {
            assertFalse(clientStore.isKeyEntry(alias), "the truststore holds a private key: " + alias);
        }
        assertTrue(clientStore.size() > 0);
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

        // On the secured Spark cluster, with its properties file; the output topics exist (the admin made them).
        Path output = work.resolve("counts");
        CommandResult job = run(JOB_TIMEOUT, List.of("bash", "scripts/spark-submit", "--master", sparkMaster,
                "--properties-file", sparkDir.resolve("spark-secure.properties").toString(),
                // The event log holds what the UI's environment page shows; uncompressed, so it can be searched.
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + eventLogs().toUri(),
                "--conf", "spark.eventLog.compress=false",
                "stream-job/target/stream-job.jar", "--kafka-config", cluster.clientFile("stream-job").toString(),
                "--bounded", "--sinks", "kafka,files", "--output-dir", output.toString(),
                "--checkpoint", work.resolve("checkpoint").toString(),
                "--metrics-file", work.resolve("metrics.jsonl").toString(), "--ui-port", "0"));
        assertEquals(0, job.exitCode(), job.describe());
        assertTrue(job.stderr().contains("0 late dropped, 0 rejected"), job.describe());
        assertFalse(job.stderr().contains("created topic"), job.describe());

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
                        "the broker at " + servers.split(",")[0] + " did not answer a PLAINTEXT client; it may expect TLS/SASL: pass"
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
                        "user producer is not authorized to read topic " + TOPIC),
                // Least privilege: each user only what its role needs.
                new FailureCase(producer(cluster.clientFile("stream-job"), timeoutMs), cli,
                        "user stream-job is not authorized to write topic " + TOPIC),
                new FailureCase(Commands.javaJar(jar("consumer"), "--consumer-config", cluster.clientFile("consumer").toString(),
                        "--group", "another-group", "--from-beginning", "--max-messages", "1", "--timeout-ms", timeoutMs), cli,
                        "user consumer is not authorized to read group another-group"),
                new FailureCase(Commands.javaJar(jar("consumer"), "--consumer-config", cluster.clientFile("dashboard").toString(),
                        "--verify", ProjectPaths.sampleCalls().toString(), "--timeout-ms", timeoutMs), cli,
                        "user dashboard is not authorized to describe topic " + TOPIC),
                // A submission without the Spark cluster's secret is refused in one line.
                new FailureCase(List.of("bash", "scripts/spark-submit", "--master", sparkMaster, "stream-job/target/stream-job.jar",
                        "--kafka-config", cluster.clientFile("stream-job").toString(), "--bounded", "--sinks", "kafka",
                        "--checkpoint", work.resolve("refused-checkpoint").toString(), "--ui-port", "0"), REFUSAL_WITHIN,
                        "the Spark master at " + sparkMaster + " accepts only authenticated applications (spark.authenticate):"
                                + " submit with --properties-file DIR/spark-secure.properties, the file"
                                + " scripts/spark-cluster.sh start --secure wrote"));

        // Independent processes, mostly a JVM's start or a wait: three at a time on two cores.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Kafka's own tools, through the wrapper scripts, take start.sh's client files as they are. A user
            // without an ACL on the topic may not even describe it, whether it exists yet or not.
            Future<TimedResult> created = pool.submit(() -> timed(List.of("bash", "scripts/kafka-topics",
                    "--bootstrap-server", servers, "--command-config", cluster.clientFile("admin").toString(),
                    "--create", "--topic", FOREIGN_TOPIC, "--partitions", "1")));
            // The job's user may write its output topics, which the admin made, and create none.
            Future<TimedResult> jobCreates = pool.submit(() -> timed(List.of("bash", "scripts/kafka-topics",
                    "--bootstrap-server", servers, "--command-config", cluster.clientFile("stream-job").toString(),
                    "--create", "--topic", TOPIC + ".other", "--partitions", "1")));
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
                // The console consumer's closing count, as upstream's, may precede the error.
                assertEquals(List.of("error: " + failure.line()), outcome.stderr().lines()
                        .filter(line -> !line.equals("Processed a total of 0 messages")).toList(), outcome.describe());
                assertTrue(result.took().compareTo(failure.within()) < 0,
                        "took " + result.took().toMillis() + " ms, more than " + failure.within().toMillis() + " ms: "
                                + outcome.describe());
            }
            assertEquals(0, created.get().result().exitCode(), created.get().result().describe());
            CommandResult refused = jobCreates.get().result();
            assertEquals(1, refused.exitCode(), refused.describe());
            // kafka-topics prints its error line on stdout and the exception on stderr.
            assertTrue(refused.stdout().contains("Error while executing topic command : Authorization failed."),
                    refused.describe());
            assertTrue(refused.stderr().contains("TopicAuthorizationException"), refused.describe());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void replayWithTheProducersOwnFileIsExactWhenANodeIsKilledMidReplay() throws Exception {
        Path sample = ProjectPaths.sampleCalls();
        String topic = "secured.replay";
        cluster.createTopic(topic, 3);
        // Paced so that the replay takes about 20 s and the crash lands in its middle.
        try (RunningCommand replay = Commands.start(Commands.javaJar(jar("producer"),
                "--producer-config", cluster.clientFile("producer").toString(), "--topic", topic,
                "--input", sample.toString(), "--rate", "250"), null)) {
            await(() -> messagesIn(topic) >= 500 || !replay.isAlive(), () -> "500 records in " + topic
                    + "; the producer's stderr:\n" + replay.stderrSoFar());
            cluster.kill(NODES);
            assertTrue(replay.isAlive(), "the replay ended before node " + NODES + " was killed");
            CommandResult replayed = replay.await(CLI_TIMEOUT);
            printed.add(replayed);
            assertEquals(0, replayed.exitCode(), replayed.describe());
            assertTrue(replayed.stderr().matches("(?s).*\\n  acknowledged +5,000\\n.*"), replayed.describe());
        }
        CommandResult verify = run(CLI_TIMEOUT, Commands.javaJar(jar("consumer"), "--consumer-config",
                cluster.clientFile("consumer").toString(), "--topic", topic, "--verify", sample.toString()));
        assertEquals(0, verify.exitCode(), verify.describe());
        assertEquals("Delivery of " + sample + " to topic " + topic + ": EXACT", verify.stdout().lines().findFirst().orElse(""),
                verify.describe());
    }

    @Test
    @Order(5)
    void noSecretAppearsInAnythingTheToolsPrintOrWrite() throws IOException {
        List<String> secrets = allSecrets();
        assertEquals(USERS.size() + 3 + 1, secrets.size(), "a password per user and key store, and Spark's secret");
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
        for (int node = 1; node <= NODES; node++) {
            written.add(cluster.dir().resolve("node-" + node + "/server.log"));
        }
        written.add(cluster.dir().resolve("admin.log"));
        try (Stream<Path> files = Files.walk(sparkDir)) {
            // The daemons' logs and the executors' work folders; the secret's own files excepted.
            written.addAll(files.filter(Files::isRegularFile).filter(path -> !path.startsWith(sparkDir.resolve("secrets"))
                    && !path.endsWith("spark-secure.properties")).toList());
        }
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

    /** Every password start.sh made and the Spark cluster's secret. */
    private static List<String> allSecrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.dir().resolve("secrets"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".password")).toList()) {
                secrets.add(Files.readString(file).strip());
            }
        }
        secrets.add(Files.readString(sparkDir.resolve("secrets/spark.secret")).strip());
        return secrets;
    }

    /** Messages in all partitions of a topic (the sum of their end offsets), asked as the admin. */
    private static long messagesIn(String topic) throws IOException {
        Map<String, Object> admin = new HashMap<>(PropertiesFiles.file(cluster.clientFile("admin")));
        try (Admin client = Admin.create(admin)) {
            int partitions = client.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return client.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topic, e);
        }
    }

    private static void await(Callable<Boolean> condition, Supplier<String> what) throws Exception {
        long deadline = System.nanoTime() + CLI_TIMEOUT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + CLI_TIMEOUT.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(200);
        }
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
