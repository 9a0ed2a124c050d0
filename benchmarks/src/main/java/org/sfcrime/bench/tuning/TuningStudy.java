package org.sfcrime.bench.tuning;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Utils;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.bench.DataSet;
import org.sfcrime.cli.UsageErrorHandler;
import org.sfcrime.sample.SyntheticCalls;
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
 *
 * <p>Usage: {@code scripts/tune.sh --quick} (about 20 minutes on 2 cores), or {@code scripts/tune.sh} for the full grid.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Measures the stream job's throughput (bounded drain, one setting at a time around the shipped defaults) and",
                "end-to-end latency (live, fixed producer rate, per trigger interval) against a broker it starts itself.",
                "Writes CSV files and PNG charts to --output-dir."},
        footer = {"", "Example: scripts/tune.sh --quick",
                "Exit codes: 0 every run succeeded, 1 failure at run time (or some runs failed; see the CSV), 2 usage error."})
public final class TuningStudy implements Callable<Integer> {

    private static final String JOB_JAR = "stream-job/target/stream-job.jar";
    private static final String PRODUCER_JAR = "producer/target/producer.jar";
    private static final String INPUT_TOPIC = "tuning-calls";
    private static final int INPUT_PARTITIONS = 3;

    enum Part { ALL, GRID, LIVE }

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "The quick plan: fewer grid levels, triggers 0/1/5 s, shorter live runs (grid ~10 min, live ~8 min on 2 cores).")
    boolean quick;

    @Option(names = "--part", paramLabel = "all|grid|live", defaultValue = "all", description = "Which part to run (default: ${DEFAULT-VALUE}).")
    Part part;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Synthetic calls generated and loaded for the grid, and replayed by the live producer (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Runs per grid point (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup-runs", paramLabel = "N",
            description = "Unrecorded grid runs before the first measured one (default: 0 with --quick, else 1).")
    Integer warmupRuns;

    @Option(names = "--factors", paramLabel = "FACTOR[,FACTOR]", split = ",",
            description = "Grid factors to vary: shuffle-partitions, max-offsets-per-trigger, master, default-parallelism, state-store"
                    + " (default: all, plus Spark's plain defaults; a subset runs the shipped point as its reference). "
                    + "spark-defaults alone is the stream job's benchmark: shipped defaults against Spark's plain defaults.")
    List<String> factors;

    @Option(names = "--rates", paramLabel = "N[,N]", split = ",", defaultValue = "1000,5000",
            description = "Live producer rates, records/s (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--queries", paramLabel = "Q[,Q]", split = ",", defaultValue = "counts",
            description = "Live queries: counts (shipped), counts-baseline (the counts' earlier Spark settings), enriched-realtime,"
                    + " enriched-microbatch (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "docs/tuning",
            description = "Folder for the CSV files and charts, relative to the project root (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--charts-only", description = "Only redraw the charts from the CSV files in --output-dir.")
    boolean chartsOnly;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20181231", description = "Seed of the run order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--run-timeout-s", paramLabel = "S", defaultValue = "900",
            description = "Longest bounded run of the job; it is killed and recorded as failed after that (default: ${DEFAULT-VALUE}).")
    int runTimeoutSeconds;

    final PrintStream err = System.err;
    ShippedDefaults shipped;
    BenchBroker broker;
    /** Scratch: the copies of the jars (a rebuild during the study does not change what is measured), the calls, the children's logs. */
    Path workDir;

    public static void main(String[] args) {
        System.exit(UsageErrorHandler.install(new CommandLine(new TuningStudy())).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        validate();
        try {
            Path root = ProjectPaths.root();
            shipped = ShippedDefaults.read(root.resolve(ShippedDefaults.FILE));
            int failed = 0;
            if (!chartsOnly) {
                for (String jar : List.of(JOB_JAR, PRODUCER_JAR)) {
                    if (!Files.isRegularFile(root.resolve(jar))) {
                        throw new BenchFailure(jar + " is missing: build with mvn -B -DskipTests package (scripts/tune.sh does)");
                    }
                }
                failed = study();
            }
            List<Path> charts = Charts.drawAll(outputDirectory(), shipped);
            if (chartsOnly && charts.isEmpty()) {
                throw new BenchFailure("no study results (grid-*.csv, live-*.csv) in " + outputDir);
            }
            charts.forEach(file -> err.println("wrote " + root.relativize(file)));
            if (failed > 0) {
                err.println("error: " + failed + " run(s) failed; see the error column of the CSV files in " + outputDir);
                return 1;
            }
            return 0;
        } catch (BenchFailure | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // a Kafka client or I/O failure nobody anticipated: still one line, still exit 1
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
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

    /** Returns how many runs failed. */
    private int study() throws IOException {
        List<GridPoint> points = GridPoint.plan(shipped, quick, factors);
        err.printf(Locale.ROOT, "machine: %d cores, %.1f GB memory, %s %s%n", Runtime.getRuntime().availableProcessors(),
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1e9,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        err.printf(Locale.ROOT, "tuning study (%s plan) against %s: shuffle-partitions=%d, max-offsets-per-trigger=%d, min-partitions=%d,"
                        + " trigger=%s, master %s%n", quick ? "quick" : "full", ShippedDefaults.FILE, shipped.shufflePartitions(),
                shipped.maxOffsetsPerTrigger(), shipped.minPartitions(), shipped.trigger(), GridPoint.SHIPPED_MASTER);
        if (part != Part.LIVE) {
            err.printf(Locale.ROOT, "grid: %d points x %d repeats (+%d warm-up): %s%n", points.size(), repeats, warmupRuns,
                    String.join(", ", points.stream().map(GridPoint::id).toList()));
        }
        if (part != Part.GRID) {
            err.printf(Locale.ROOT, "live: %s x rates %s/s x triggers %s s x %d repeats, %d s warm-up + %d s measured each%n", queries,
                    rates, triggers, liveRepeats, liveWarmupSeconds, liveMeasureSeconds);
        }
        Files.createDirectories(outputDirectory());
        workDir = Files.createTempDirectory("sf-tuning-");
        try (BenchBroker started = new BenchBroker(err)) {
            broker = started;
            Files.copy(ProjectPaths.root().resolve(JOB_JAR), jobJar());
            Files.copy(ProjectPaths.root().resolve(PRODUCER_JAR), producerJar());
            // deterministic: the generator's default seed; it runs from benchmarks.jar, which carries the sample module
            Path calls = DataSet.ensure(workDir, records, SyntheticCalls.DEFAULT_SEED, err).callsFile();
            int failed = 0;
            if (part != Part.LIVE) {
                load(calls);
                failed += new GridStudy(this, points, INPUT_TOPIC).run();
            }
            if (part != Part.GRID) {
                failed += new LiveStudy(this, calls).run();
            }
            return failed;
        } finally {
            Utils.delete(workDir.toFile());
        }
    }

    /** As fast as the broker takes it, in event-time order. */
    private void load(Path calls) {
        broker.create(INPUT_TOPIC, INPUT_PARTITIONS);
        err.printf(Locale.ROOT, "loading them into %s (%d partitions)%n", INPUT_TOPIC, INPUT_PARTITIONS);
        ChildRun producer = ChildRun.run(ChildRun.java("-Xmx512m", "-jar", producerJar().toString(), "--bootstrap-server",
                broker.bootstrapServers(), "--topic", INPUT_TOPIC, "--input", calls.toString()), workDir, "load", Duration.ofMinutes(10));
        if (!producer.failure().isEmpty()) {
            throw new BenchFailure("loading the calls failed: " + producer.failure());
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
        return ProjectPaths.root().resolve(outputDir);
    }

    Path producerJar() {
        return workDir.resolve("producer.jar");
    }

    /** The job through scripts/spark-submit, as a user runs it: spark-submit's options, the jar, the job's options. */
    List<String> sparkSubmit(List<String> submitOptions, List<String> jobOptions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit"));
        command.addAll(submitOptions);
        command.add(jobJar().toString());
        command.addAll(jobOptions);
        return command;
    }

    private Path jobJar() {
        return workDir.resolve("stream-job.jar");
    }
}
