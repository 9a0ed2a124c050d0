package org.sfcrime.bench.tuning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.bench.DataSet;
import org.sfcrime.bench.MeasurementLock;
import org.sfcrime.bench.Topics;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.ProjectPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The tuning study of the stream job: how Spark settings change throughput and latency, measured
 * against a real broker with the project's own jars, as separate processes.
 *
 * <p>It starts a broker on free loopback ports, generates the synthetic call set once and loads
 * it into a topic, then (1) drains that topic with the job in bounded mode over a one-factor-at-a-time
 * grid around the shipped defaults, each point repeated in a shuffled order, and (2) runs the job live
 * with a processing-time trigger while the producer sends at a fixed rate, measuring per-call
 * end-to-end latency through the kafka sink. Results: CSV and PNG charts in --output-dir.
 *
 * <p>Usage: {@code scripts/tune.sh --quick} (about 20 minutes on 2 cores), or {@code scripts/tune.sh} for the full grid.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Measures the stream job's throughput (bounded drain, one setting at a time around the shipped defaults) and",
                "end-to-end latency (live, fixed producer rate, per trigger interval) against a broker it starts itself.",
                "Writes CSV files and PNG charts to --output-dir. Every measured run holds an exclusive lock on --lock-file."},
        footer = {"", "Example: scripts/tune.sh --quick",
                "Exit codes: 0 every run succeeded, 1 failure at run time (or some runs failed; see the CSV), 2 usage error."})
public final class TuningStudy implements Callable<Integer> {

    static final String JOB_JAR = "stream-job/target/stream-job.jar";
    static final String PRODUCER_JAR = "producer/target/producer.jar";
    private static final String INPUT_TOPIC = "tuning-calls";
    private static final int INPUT_PARTITIONS = 3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StudyOptions options;

    private final PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        System.setProperty("java.awt.headless", "true");
        return new CommandLine(new TuningStudy())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, arguments) -> {
                    e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
                    return 2;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        options.validate(spec);
        try {
            Path root = ProjectPaths.root();
            ShippedDefaults shipped = ShippedDefaults.read(root.resolve(ShippedDefaults.FILE));
            int failed = 0;
            if (!options.chartsOnly) {
                for (String jar : List.of(JOB_JAR, PRODUCER_JAR)) {
                    if (!Files.isRegularFile(root.resolve(jar))) {
                        throw new BenchFailure(jar + " is missing: build with mvn -B -DskipTests package (scripts/tune.sh does)");
                    }
                }
                failed = study(shipped);
            }
            List<Path> charts = Charts.drawAll(options.outputDirectory(), shipped);
            if (options.chartsOnly && charts.isEmpty()) {
                throw new BenchFailure("no study results (grid-*.csv, live-*.csv) in " + options.outputDir);
            }
            charts.forEach(file -> err.println("wrote " + root.relativize(file)));
            if (failed > 0) {
                err.println("error: " + failed + " run(s) failed; see the error column of the CSV files in " + options.outputDir);
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

    /** Runs the parts asked for; returns how many runs failed. */
    private int study(ShippedDefaults shipped) throws IOException {
        Instant started = Instant.now();
        List<GridPoint> points = GridPlan.points(shipped, options.quick, options.gridFactors());
        err.printf(Locale.ROOT, "tuning study (%s plan) against %s: shuffle-partitions=%d, max-offsets-per-trigger=%d, min-partitions=%d,"
                        + " trigger=%s, master %s%n", options.plan(), ShippedDefaults.FILE, shipped.shufflePartitions(),
                shipped.maxOffsetsPerTrigger(), shipped.minPartitions(), shipped.trigger(), GridPlan.SHIPPED_MASTER);
        if (options.part != StudyOptions.Part.LIVE) {
            err.printf(Locale.ROOT, "grid: %d points x %d repeats (+%d warm-up): %s%n", points.size(), options.repeats,
                    options.warmupRuns(), String.join(", ", points.stream().map(GridPoint::id).toList()));
        }
        if (options.part != StudyOptions.Part.GRID) {
            err.printf(Locale.ROOT, "live: rates %s/s x triggers %s s x %d repeats, %d s warm-up + %d s measured each%n", options.rates,
                    options.triggerSeconds(), options.liveRuns(), options.liveWarmupSeconds, options.measureSeconds());
        }
        Files.createDirectories(options.outputDirectory());
        Path workDir = Files.createTempDirectory("sf-tuning-");
        try (BenchBroker broker = BenchBroker.start(err); Topics topics = new Topics(broker.bootstrapServers())) {
            StudyContext context = new StudyContext(options, shipped, broker.bootstrapServers(), topics, workDir);
            Files.copy(ProjectPaths.root().resolve(JOB_JAR), context.jobJar());
            Files.copy(ProjectPaths.root().resolve(PRODUCER_JAR), context.producerJar());
            Path calls = generate(context);
            int failed = 0;
            if (options.part != StudyOptions.Part.LIVE) {
                load(context, calls);
                failed += new GridStudy(context, points, INPUT_TOPIC, err).run();
            }
            if (options.part != StudyOptions.Part.GRID) {
                failed += new LiveStudy(context, calls, err).run();
            }
            StudyEnvironment.write(context, started, INPUT_PARTITIONS);
            return failed;
        } finally {
            Utils.delete(workDir.toFile());
        }
    }

    /**
     * The synthetic set, generated once per study (deterministic: the generator's default seed),
     * under the lock because it keeps a core busy for about 20 s. The generator runs from this
     * study's own class path: benchmarks.jar carries the sample module.
     */
    private Path generate(StudyContext context) {
        try (MeasurementLock lock = MeasurementLock.acquire(options.lock.file(), options.lock.maxWait(), err)) {
            return DataSet.ensure(context.workDir(), options.records, SyntheticCalls.DEFAULT_SEED, err).callsFile();
        }
    }

    /** Loads the set once, as fast as the broker takes it, in event-time order, under the lock (it loads both cores). */
    private void load(StudyContext context, Path calls) {
        context.topics().create(INPUT_TOPIC, INPUT_PARTITIONS);
        err.printf(Locale.ROOT, "loading them into %s (%d partitions)%n", INPUT_TOPIC, INPUT_PARTITIONS);
        try (MeasurementLock lock = MeasurementLock.acquire(options.lock.file(), options.lock.maxWait(), err);
             ChildRun producer = ChildRun.start(ChildRun.java("-Xmx512m", "-jar", context.producerJar().toString(),
                     "--bootstrap-server", context.bootstrapServers(), "--topic", INPUT_TOPIC, "--input", calls.toString()),
                     context.workDir(), "load")) {
            int exitCode = producer.waitFor(Duration.ofMinutes(10));
            if (exitCode != 0) {
                throw new BenchFailure("loading the calls failed: " + (exitCode == ChildRun.TIMED_OUT ? "timed out" : producer.tail()));
            }
        }
    }
}
