package org.sfcrime.bench.clients;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Csv;
import org.sfcrime.bench.DataSet;
import org.sfcrime.bench.Stats;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.OptionDefaults;
import org.sfcrime.cli.PropertiesFiles;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the client benchmarks share: the options, the data set, the broker, the rounds that
 * alternate the clients, running each measured child, the table on stdout, the CSV files, and the
 * exit codes.
 */
@Command(mixinStandardHelpOptions = true,
        footer = {"", ExitCodes.HELP,
            "Success: every run completed (a missed target is reported, not an error). Failure at run time: a run"
                    + " failed, timed out or moved the wrong number of records; the broker could not start."})
abstract class ClientBenchmark implements Callable<Integer> {

    private static final String ROW = "%-7s %-10s %11s %7s %8s %12s %7s %11s %8s%n";
    private static final List<String> RUN_COLUMNS = List.of("round", "client", "records", "timed_s", "records_per_s",
            "value_mb_per_s", "alt_s", "alt_records_per_s", "wall_s", "wall_records_per_s", "peak_rss_mb");

    /** A computed figure and whether it meets its target (an empty target: shown for information). */
    record Check(String name, double value, String target, boolean met) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Size of the synthetic data set, in records (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds, each running every client once; the medians are over these (default: ${DEFAULT-VALUE}).")
    int rounds;

    // The first runs on a fresh broker are slower, and only the first client of round 1 would pay for it.
    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1",
            description = "Rounds run and checked before the measured ones, not counted (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SyntheticCalls.DEFAULT_SEED,
            description = "Seed of the synthetic data set (default: ${DEFAULT-VALUE}, the bundled sample's).")
    long seed;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of every benchmark topic, as the shipped calls topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ".runtime/bench",
            description = "Where the cached data set and the CSV results go, relative to the project root (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--run-timeout-s", paramLabel = "S", defaultValue = "300",
            description = "Deadline of one measured run, in seconds; it is killed after (default: ${DEFAULT-VALUE}).")
    long runTimeoutSeconds;

    // The scripts pass private copies, so that a rebuild during the benchmark cannot change what is measured.
    @Option(names = "--producer-jar", paramLabel = "FILE", defaultValue = "producer/target/producer.jar",
            description = "The producer jar, relative to the project root (default: ${DEFAULT-VALUE}).")
    Path producerJar;

    @Option(names = "--consumer-jar", paramLabel = "FILE", defaultValue = "consumer/target/consumer.jar",
            description = "The consumer jar, relative to the project root (default: ${DEFAULT-VALUE}).")
    Path consumerJar;

    final PrintStream out = System.out;
    final PrintStream progress = System.err;
    DataSet data;
    BenchBroker broker;
    private final List<Measurement> runs = new ArrayList<>();
    Path workDir;

    private final String name;
    private final List<String> clients;
    private final String timedLabel;
    private final String altLabel;

    /** The labels say what {@code Timed.seconds} and {@code Timed.altSeconds} are for each client. */
    ClientBenchmark(String name, List<String> clients, String timedLabel, String altLabel) {
        this.name = name;
        this.clients = clients;
        this.timedLabel = timedLabel;
        this.altLabel = altLabel;
    }

    /** E.g. loads the topic that the clients read. */
    void prepare() {
    }

    /** Throws when the run failed or moved the wrong number of records. */
    abstract Measurement measure(String client, int round);

    abstract List<Check> checks();

    @Override
    public final Integer call() {
        validate();
        try {
            workDir = Files.createTempDirectory("sf-bench-");
            data = DataSet.ensure(ProjectPaths.root().resolve(outputDir), records, seed, progress);
            try (BenchBroker started = new BenchBroker(progress)) {
                broker = started;
                prepare();
                for (int round = 1 - warmupRounds; round <= rounds; round++) {
                    for (String client : Rounds.order(clients, round)) {
                        Measurement measurement = measure(client, round);
                        if (Rounds.measured(round)) {
                            runs.add(measurement);
                        }
                    }
                }
            }
            out.println();
            printTable();
            writeCsv();
            return 0;
        } catch (RuntimeException | IOException e) {
            progress.println("error: " + BenchFailure.oneLine(e));
            return 1;
        } finally {
            try {
                Utils.delete(workDir == null ? null : workDir.toFile());
            } catch (IOException e) {
                progress.println("warning: could not delete " + workDir + ": " + e.getMessage());
            }
        }
    }

    private void validate() {
        String error = records < 1 || records > SyntheticCalls.MAX_RECORDS
                ? "--records must be between 1 and " + SyntheticCalls.MAX_RECORDS + ", not " + records
                : !Files.isRegularFile(ProjectPaths.root().resolve(producerJar)) ? "--producer-jar: no such file: " + producerJar
                        + " (build it with mvn -DskipTests package)"
                : !Files.isRegularFile(ProjectPaths.root().resolve(consumerJar)) ? "--consumer-jar: no such file: " + consumerJar
                        + " (build it with mvn -DskipTests package)"
                : rounds < 1 ? "--rounds must be at least 1, not " + rounds
                : warmupRounds < 0 ? "--warmup-rounds must be 0 or more, not " + warmupRounds
                : partitions < 1 ? "--partitions must be at least 1, not " + partitions
                : runTimeoutSeconds < 1 ? "--run-timeout-s must be at least 1, not " + runTimeoutSeconds : null;
        if (error != null) {
            throw new ParameterException(spec.commandLine(), error);
        }
    }

    /** Runs one client alone and reads its figures; throws when its output shows no figures or a wrong count. */
    final Measurement measure(String client, int round, List<String> command, Function<CommandResult, ToolOutput.Timed> figures) {
        String label = Rounds.label(round) + ": " + client;
        CommandResult child = run(label, command);
        try {
            Measurement measurement = new Measurement(client, round, figures.apply(child), child.wallSeconds(), child.peakRssBytes());
            if (measurement.timed().records() != data.records()) {
                throw new BenchFailure("moved " + measurement.timed().records() + " records, not " + data.records());
            }
            progress.printf(Locale.ROOT, "  %s: %,.0f records/s%n", label, measurement.recordsPerSecond());
            return measurement;
        } catch (BenchFailure e) {
            throw new BenchFailure(label + ": " + e.getMessage(), e);
        }
    }

    final CommandResult run(String label, List<String> command) {
        progress.println("running " + label);
        CommandResult child = Commands.runBounded(Duration.ofSeconds(runTimeoutSeconds), command);
        if (!child.failure().isEmpty()) {
            throw new BenchFailure(label + ": " + child.failure());
        }
        progress.printf("  %s: exit 0, %.1f s wall%n", label, child.wallSeconds());
        return child;
    }

    /** Our producer replaying the file as shipped, no JVM flags, plus the given client overrides (KEY=VALUE). */
    final List<String> ourProducer(String topic, List<String> overrides) {
        List<String> command = Commands.java("-jar", producerJar.toString(), "--input", data.callsFile().toString(),
                "--topic", topic, "--bootstrap-server", broker.bootstrapServers());
        overrides.forEach(override -> command.addAll(List.of("--producer-property", override)));
        return command;
    }

    /** @throws BenchFailure naming who when the topic does not hold every record of the data set */
    final void expectAllRecordsIn(String topic, String who) {
        long inTopic = broker.messages(topic);
        if (inTopic != data.records()) {
            throw new BenchFailure(who + " left " + inTopic + " messages in " + topic + ", not " + data.records());
        }
    }

    /** atLeast 0: no target. */
    final Check ratio(String name, String numerator, ToDoubleFunction<Measurement> numeratorFigure, String denominator,
                      ToDoubleFunction<Measurement> denominatorFigure, double atLeast) {
        double value = Stats.median(runsOf(numerator), numeratorFigure)
                / Stats.median(runsOf(denominator), denominatorFigure);
        return new Check(name + ", medians", value, atLeast > 0 ? String.format(Locale.ROOT, ">= %.2f", atLeast) : "", value >= atLeast);
    }

    /** MB: 10^6 bytes; the highest of the client's runs, as the target is a ceiling. */
    final Check peakRss(String client, double atMostMegabytes) {
        double value = row("max", client, runsOf(client)).peakRssMb();
        return new Check(client + " peak RSS, MB (max of runs)", value, String.format(Locale.ROOT, "<= %.0f", atMostMegabytes),
                value > 0 && value <= atMostMegabytes);
    }

    private List<Measurement> runsOf(String client) {
        return runs.stream().filter(run -> run.client().equals(client)).toList();
    }

    /** A row of the table and the CSV: one run's figures, or the medians of several with their highest peak RSS. */
    private record Row(String round, String client, double timedSeconds, double recordsPerSecond, double valueMbPerSecond,
                       double altSeconds, double altRecordsPerSecond, double wallSeconds, double wallRecordsPerSecond, double peakRssMb) {
    }

    private Row row(String round, String client, List<Measurement> of) {
        return new Row(round, client, Stats.median(of, run -> run.timed().seconds()), Stats.median(of, Measurement::recordsPerSecond),
                Stats.median(of, run -> run.recordsPerSecond() * data.meanValueBytes() / 1e6),
                Stats.median(of, run -> run.timed().altSeconds()), Stats.median(of, Measurement::altRecordsPerSecond),
                Stats.median(of, Measurement::wallSeconds), Stats.median(of, Measurement::wallRecordsPerSecond),
                of.stream().mapToDouble(run -> run.peakRssBytes() / 1e6).max().orElse(0));
    }

    /** Every run, then one median row per client. */
    private List<Row> rows() {
        return Stream.concat(runs.stream().map(run -> row(Integer.toString(run.round()), run.client(), List.of(run))),
                clients.stream().map(client -> row("median", client, runsOf(client)))).toList();
    }

    private void printTable() {
        String lock = System.getProperty("bench.lock.file");
        out.println(String.format("Noise: %d cores, load average %s. %s, but the broker shares the cores with the client under "
                + "test and unlocked work of others still runs; compare medians, and distrust differences smaller than the spreads.",
                Runtime.getRuntime().availableProcessors(), loadAverage(), lock == null ? "No lock was held"
                        : "The benchmark held " + lock + " throughout, so no other measurement overlapped it"));
        out.println();
        out.println("== " + String.format(Locale.ROOT, "%s: %,d records, mean value %.0f B, rounds: %d (after %d warm-up), partitions: %d",
                name, data.records(), data.meanValueBytes(), rounds, warmupRounds, partitions) + " ==");
        out.printf(Locale.ROOT, ROW, "round", "client", "records/s", "MB/s", "timed s", "alt rec/s", "wall s", "wall rec/s", "RSS MB");
        rows().forEach(row -> out.printf(Locale.ROOT, ROW, row.round(), row.client(), rate(row.recordsPerSecond()),
                decimal(row.valueMbPerSecond(), 2), decimal(row.timedSeconds(), 3), rate(row.altRecordsPerSecond()),
                decimal(row.wallSeconds(), 2), rate(row.wallRecordsPerSecond()),
                decimal(row.peakRssMb(), 0) + (row.round().equals("median") ? "*" : "")));
        out.println();
        for (String client : clients) {
            out.printf(Locale.ROOT, "spread of records/s over the runs of %s, (max - min) / median: %.0f%%%n",
                    client, 100 * Stats.spread(runsOf(client).stream().map(Measurement::recordsPerSecond).toList()));
        }
        out.println("records/s, timed s: " + timedLabel);
        out.println("alt rec/s:          " + altLabel);
        out.println("wall:               the child process from start to exit, JVM start-up included");
        out.printf(Locale.ROOT, "MB/s:               records/s x the mean value size (%.0f B), 10^6 B; the same for every client%n",
                data.meanValueBytes());
        out.println("RSS MB:             peak resident set size (VmHWM) of the child's processes; * = max over runs");
        out.println();
        out.printf("%-66s %8s %9s  %s%n", "check", "value", "target", "result");
        for (Check check : checks()) {
            out.printf(Locale.ROOT, "%-66s %8s %9s  %s%n", check.name(), decimal(check.value(), 2), check.target(),
                    check.target().isEmpty() ? "(no target)" : check.met() ? "met" : "MISSED");
        }
    }

    /** NAME-TIMESTAMP-runs.csv and NAME-TIMESTAMP-checks.csv: the table's figures. */
    private void writeCsv() {
        String stem = name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runsFile = ProjectPaths.root().resolve(outputDir).resolve(stem + "-runs.csv");
        Path checksFile = runsFile.resolveSibling(stem + "-checks.csv");
        Csv.write(runsFile, RUN_COLUMNS, rows().stream().map(row -> List.<Object>of(row.round(), row.client(), data.records(),
                row.timedSeconds(), row.recordsPerSecond(), row.valueMbPerSecond(), row.altSeconds(), row.altRecordsPerSecond(),
                row.wallSeconds(), row.wallRecordsPerSecond(), row.peakRssMb())).toList());
        Csv.write(checksFile, List.of("check", "value", "target", "met"), checks().stream().map(check -> List.<Object>of(check.name(),
                check.value(), check.target(), check.target().isEmpty() ? "" : check.met())).toList());
        List.of(runsFile, checksFile).forEach(file -> progress.println("wrote " + file));
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String rate(double recordsPerSecond) {
        return Double.isFinite(recordsPerSecond) ? String.format(Locale.ROOT, "%,.0f", recordsPerSecond) : "-";
    }

    private static String decimal(double value, int places) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : "-";
    }

    /** The Kafka client settings a component ships: the kafka.* keys of config/pipeline.properties and config/COMPONENT.properties. */
    static Properties shippedClientSettings(String component) {
        Properties settings = new Properties();
        for (String file : List.of("pipeline.properties", component + ".properties")) {
            try {
                PropertiesFiles.file(ProjectPaths.root().resolve("config").resolve(file)).forEach((key, value) -> {
                    if (key.startsWith(OptionDefaults.KAFKA_PREFIX)) {
                        settings.setProperty(key.substring(OptionDefaults.KAFKA_PREFIX.length()), value);
                    }
                });
            } catch (IOException e) {
                throw new BenchFailure("cannot read config/" + file + ": " + e.getMessage());
            }
        }
        return settings;
    }

    /** The shipped settings as a plain client properties file, so that Kafka's perf tools use them too. */
    final String perfToolConfig(String component) {
        Path file = workDir.resolve(component + "-client.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            shippedClientSettings(component).store(writer, "the kafka.* settings of config/" + component + ".properties");
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage());
        }
        return file.toString();
    }
}
