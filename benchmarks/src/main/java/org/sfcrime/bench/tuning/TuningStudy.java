package org.sfcrime.bench.tuning;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Utils;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.DataSet;
import org.sfcrime.cli.PropertiesFiles;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The tuning study of the stream job: how Spark settings change throughput ({@link GridStudy}) and end-to-end latency
 * ({@link LiveStudy}), measured with the project's own jars as separate processes against a broker it starts.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Measures the stream job's throughput (bounded drain, one setting at a time around the shipped defaults) and",
                "end-to-end latency (live, fixed producer rate, per trigger interval) against a broker it starts itself.",
                "Writes CSV files and PNG charts to --output-dir: .runtime/tune, or the committed docs/tuning with --publish."},
        footer = {"", "Example: scripts/tune.sh --quick",
                ExitCodes.HELP,
                "Failure at run time includes runs that failed: see the error column of the CSV files."})
public final class TuningStudy implements Callable<Integer> {

    private static final List<String> JARS = List.of("stream-job/target/stream-job.jar", "producer/target/producer.jar");
    private static final String SHIPPED_FILE = "config/stream-job.properties";

    enum Part { ALL, GRID, LIVE }

    /**
     * The job's shipped settings that the study varies, read from config/stream-job.properties. Every run passes them
     * as flags, so a stale stream-job.jar (whose built-in copy of the file may be older) cannot change what is measured.
     *
     * @param maxOffsetsPerTrigger 0 = no bound
     * @param minPartitions        Kafka source minPartitions, 0 = one task per Kafka partition
     */
    record Shipped(int shufflePartitions, long maxOffsetsPerTrigger, int minPartitions, String trigger) {
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "The quick plan: fewer grid levels, triggers 0/1/5 s, shorter live runs (grid ~10 min, live ~8 min on 2 cores).")
    boolean quick;

    @Option(names = "--part", paramLabel = "all|grid|live", defaultValue = "all", description = "Which part to run (default: ${DEFAULT-VALUE}).")
    Part part;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Synthetic calls loaded for the grid and replayed by the live producer (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Runs per grid point (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup-runs", paramLabel = "N",
            description = "Unrecorded grid runs before the first measured one (default: 0 with --quick, else 1).")
    Integer warmupRuns;

    @Option(names = "--factors", paramLabel = "FACTOR[,FACTOR]", split = ",",
            description = "Grid factors: shuffle-partitions, max-offsets-per-trigger, master, default-parallelism, state-store, "
                    + "spark-defaults (default: all; spark-defaults alone: the shipped defaults against Spark's plain ones).")
    List<String> factors;

    @Option(names = "--rates", paramLabel = "N[,N]", split = ",", defaultValue = "1000,5000",
            description = "Live producer rates, records/s (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--queries", paramLabel = "Q[,Q]", split = ",", defaultValue = "counts",
            description = "Live queries: counts (shipped), counts-baseline (the counts' earlier Spark settings),"
                    + " enriched-realtime, enriched-microbatch (default: ${DEFAULT-VALUE}).")
    List<String> queries;

    @Option(names = "--triggers", paramLabel = "S[,S]", split = ",",
            description = "Live trigger intervals in seconds, 0 = back to back (default: 0,1,5 with --quick, else 0,1,5,20).")
    List<Integer> triggers;

    @Option(names = "--live-repeats", paramLabel = "N", description = "Runs per rate and trigger (default: 1 with --quick, else 3).")
    Integer liveRepeats;

    @Option(names = "--live-warmup-s", paramLabel = "S", defaultValue = "10",
            description = "Seconds of each live run not measured, after the producer starts (default: ${DEFAULT-VALUE}).")
    int liveWarmupSeconds;

    @Option(names = "--live-measure-s", paramLabel = "S",
            description = "Seconds of each live run measured, after the warm-up (default: 45 with --quick, else 60).")
    Integer liveMeasureSeconds;

    /** Null: .runtime/tune, or docs/tuning with --publish. */
    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Folder for the CSV files and charts, relative to the project root (default: .runtime/tune;"
                    + " docs/tuning with --publish). A folder under docs/ needs --publish.")
    Path outputDir;

    @Option(names = "--publish",
            description = "Replace the results committed under docs/ (default folder docs/tuning), which TUNING.md cites.")
    boolean publish;

    @Option(names = "--charts-only", description = "Only redraw the charts from the CSV files in --output-dir.")
    boolean chartsOnly;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20181231", description = "Seed of the run order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--run-timeout-s", paramLabel = "S", defaultValue = "900",
            description = "Longest bounded run of the job, recorded as failed after that (default: ${DEFAULT-VALUE}).")
    int runTimeoutSeconds;

    final PrintStream err = System.err;
    Shipped shipped;
    BenchBroker broker;
    /** Scratch: the copies of the jars (a rebuild during the study does not change what is measured), the calls, the metrics files. */
    Path workDir;
    /** The generated calls, --records of them. */
    Path callsFile;

    public static void main(String[] args) {
        System.exit(CommandLines.of(new TuningStudy()).execute(args));
    }

    @Override
    public Integer call() {
        validate();
        try {
            shipped = readShipped();
            int failed = chartsOnly ? 0 : study();
            List<Path> charts = Charts.drawAll(outputDirectory(), shipped);
            if (chartsOnly && charts.isEmpty()) {
                throw new BenchFailure("no study results (grid-*.csv, live-*.csv) in " + outputDir);
            }
            charts.forEach(file -> err.println("wrote " + ProjectPaths.root().relativize(file)));
            if (failed > 0) {
                err.println("error: " + failed + " run(s) failed; see the error column of the CSV files in " + outputDir);
                return 1;
            }
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("error: " + BenchFailure.oneLine(e));
            return 1;
        }
    }

    /** Resolves the defaults that depend on --quick, once. @throws ParameterException (exit 2) naming the invalid options */
    private void validate() {
        warmupRuns = Objects.requireNonNullElse(warmupRuns, quick ? 0 : 1);
        triggers = Objects.requireNonNullElse(triggers, quick ? List.of(0, 1, 5) : List.of(0, 1, 5, 20));
        factors = Objects.requireNonNullElse(factors, GridPoint.FACTORS);
        liveMeasureSeconds = Objects.requireNonNullElse(liveMeasureSeconds, quick ? 45 : 60);
        liveRepeats = Objects.requireNonNullElse(liveRepeats, quick ? 1 : 3);
        outputDir = Objects.requireNonNullElse(outputDir, Path.of(publish ? "docs/tuning" : ".runtime/tune"));
        if (!publish && outputDirectory().startsWith(ProjectPaths.root().resolve("docs"))) {
            throw new ParameterException(spec.commandLine(), "--output-dir " + outputDir
                    + " would replace results committed under docs/: add --publish, or pick a folder outside docs/");
        }
        List<String> selectable = new ArrayList<>(GridPoint.FACTORS);
        selectable.add(GridPoint.SPARK_DEFAULTS);
        String error = records < 1 || repeats < 1 || warmupRuns < 0 || liveWarmupSeconds < 0 || runTimeoutSeconds < 1
                ? "--records, --repeats and --run-timeout-s must be at least 1; --warmup-runs and --live-warmup-s at least 0"
                : rates.stream().anyMatch(rate -> rate < 1) ? "--rates must be at least 1 records/s each, not " + rates
                : triggers.stream().anyMatch(trigger -> trigger < 0) ? "--triggers must be 0 or more seconds each, not " + triggers
                : !selectable.containsAll(factors) ? "--factors must be among " + String.join(", ", selectable) + ", not " + factors
                : !LiveStudy.QUERIES.containsAll(queries) ? "--queries must be among " + LiveStudy.QUERIES + ", not " + queries
                : liveMeasureSeconds < 1 || liveRepeats < 1 ? "--live-measure-s and --live-repeats must be at least 1" : null;
        if (error != null) {
            throw new ParameterException(spec.commandLine(), error);
        }
    }

    private static Shipped readShipped() {
        try {
            Map<String, String> properties = PropertiesFiles.file(ProjectPaths.root().resolve(SHIPPED_FILE));
            return new Shipped(Integer.parseInt(properties.getOrDefault("shuffle-partitions", "")),
                    Long.parseLong(properties.getOrDefault("max-offsets-per-trigger", "")),
                    Integer.parseInt(properties.getOrDefault("min-partitions", "")), properties.getOrDefault("trigger", ""));
        } catch (IOException | NumberFormatException e) {
            throw new BenchFailure("cannot read shuffle-partitions, max-offsets-per-trigger, min-partitions and trigger from "
                    + SHIPPED_FILE + ": " + e.getMessage(), e);
        }
    }

    /** Returns how many runs failed. */
    private int study() throws IOException {
        err.printf(Locale.ROOT, "machine: %d cores, %.1f GB memory, %s %s%n", Runtime.getRuntime().availableProcessors(),
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1e9,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        err.printf(Locale.ROOT, "tuning study (%s plan) against %s: shuffle-partitions=%d, max-offsets-per-trigger=%d, min-partitions=%d,"
                        + " trigger=%s, master %s%n", quick ? "quick" : "full", SHIPPED_FILE, shipped.shufflePartitions(),
                shipped.maxOffsetsPerTrigger(), shipped.minPartitions(), shipped.trigger(), GridPoint.SHIPPED_MASTER);
        Files.createDirectories(outputDirectory());
        workDir = Files.createTempDirectory("sf-tuning-");
        try {
            for (String jar : JARS) {
                Path source = ProjectPaths.root().resolve(jar);
                if (!Files.isRegularFile(source)) {
                    throw new BenchFailure(jar + " is missing: build with mvn -B -DskipTests package (scripts/tune.sh does)");
                }
                Files.copy(source, workDir.resolve(source.getFileName()));
            }
            // the generator's default seed: the same calls every time
            callsFile = DataSet.ensure(workDir, records, SyntheticCalls.DEFAULT_SEED, err).callsFile();
            try (BenchBroker started = new BenchBroker(err)) {
                broker = started;
                int failed = part == Part.LIVE ? 0 : new GridStudy(this).run();
                return failed + (part == Part.GRID ? 0 : new LiveStudy(this).run());
            }
        } finally {
            Utils.delete(workDir.toFile());
        }
    }

    /** One run of a point, given its repeat and its position in the repeat's order. */
    interface Trial<P, R> {
        R run(int repeat, int position, P point);
    }

    /**
     * Runs every point once per repeat, in a new random order each repeat, so that drift on a shared machine spreads
     * over all points instead of biasing one; after each run, hands it and the runs so far to afterEach.
     */
    static <P, R> List<R> shuffledRepeats(List<P> points, int repeats, long seed, Trial<P, R> trial,
                                          BiConsumer<R, List<R>> afterEach) {
        List<R> runs = new ArrayList<>();
        Random random = new Random(seed);
        for (int repeat = 1; repeat <= repeats; repeat++) {
            List<P> order = new ArrayList<>(points);
            Collections.shuffle(order, random);
            for (int position = 1; position <= order.size(); position++) {
                R run = trial.run(repeat, position, order.get(position - 1));
                runs.add(run);
                afterEach.accept(run, runs);
            }
        }
        return runs;
    }

    Path outputDirectory() {
        return ProjectPaths.root().resolve(outputDir).normalize();
    }

    /** Our producer sending the generated calls into the topic, with the given options. */
    List<String> producer(String topic, String... options) {
        List<String> command = Commands.java("-Xmx512m", "-jar", workDir.resolve("producer.jar").toString(),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--input", callsFile.toString());
        command.addAll(List.of(options));
        return command;
    }

    /** The job through scripts/spark-submit, as a user runs it: spark-submit's options, the jar, the job's options. */
    List<String> sparkSubmit(List<String> submitOptions, List<String> jobOptions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit"));
        command.addAll(submitOptions);
        command.add(workDir.resolve("stream-job.jar").toString());
        command.addAll(jobOptions);
        return command;
    }
}
