package org.sfcrime.bench.clients;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.bench.DataSet;
import org.sfcrime.bench.MeasurementLock;
import org.sfcrime.bench.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the client benchmarks share around their own rounds: options, the data set, the broker,
 * running each measured child alone, the table on stdout, the CSV files, and the exit-code contract
 * (0 every run completed, 1 a run failed).
 */
abstract class ClientBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    final PrintStream out = System.out;
    final PrintStream progress = System.err;

    /** Where the children's stdout and stderr go; deleted at the end. */
    private Path logDir;

    /** Name of the CSV files and of the benchmark in messages. */
    abstract String name();

    /** Alternates the clients for the configured rounds against the broker and returns every measured run. */
    abstract BenchmarkResult run(DataSet data, BenchBroker broker, Topics topics);

    @Override
    public final Integer call() {
        options.validate(spec);
        try {
            logDir = Files.createTempDirectory("sf-bench-");
            DataSet data = DataSet.ensure(options.outputDirectory(), options.records, options.seed, progress);
            BenchmarkResult result;
            try (BenchBroker broker = BenchBroker.start(progress); Topics topics = new Topics(broker.bootstrapServers())) {
                result = run(data, broker, topics);
            }
            out.println();
            ResultTable.print(result, options.lock.file(), out);
            ResultCsv.write(result, options.outputDirectory(), name()).forEach(file -> progress.println("wrote " + file));
            return 0;
        } catch (BenchFailure | IllegalStateException | AssertionError | IOException e) {
            progress.println("error: " + BenchFailure.oneLine(e));
            return 1;
        } finally {
            deleteLogs();
        }
    }

    /**
     * Runs one measured client alone, under the machine-wide {@link MeasurementLock}, taken per run
     * (not per benchmark) so that other measurements can interleave with ours but never overlap them.
     *
     * @param figures reads the child's output; throws when it shows a wrong count
     */
    final Measurement measure(String client, int round, String tool, List<String> command, Function<ChildRun, ToolOutput.Timed> figures) {
        String label = Rounds.label(round) + ": " + client;
        ChildRun child = run(label, tool, command);
        try {
            Measurement measurement = new Measurement(client, round, figures.apply(child), child.wallSeconds(), child.peakRssBytes());
            progress.printf(Locale.ROOT, "  %s: %,.0f records/s%n", label, measurement.recordsPerSecond());
            return measurement;
        } catch (BenchFailure e) {
            throw new BenchFailure(label + ": " + e.getMessage(), e);
        }
    }

    /** The table's title, e.g. "producer: 200,000 records, mean value 410 B, rounds: 3 (after 1 warm-up), partitions: 3". */
    final String title(DataSet data) {
        return String.format(Locale.ROOT, "%s: %,d records, mean value %.0f B, rounds: %d (after %d warm-up), partitions: %d", name(),
                data.records(), data.meanValueBytes(), options.rounds, options.warmupRounds, options.partitions);
    }

    /** Runs a child under the lock and returns it finished; the label is for progress lines, the tool for errors. */
    final ChildRun run(String label, String tool, List<String> command) {
        try (MeasurementLock ignored = MeasurementLock.acquire(options.lock.file(), options.lock.maxWait(), progress)) {
            progress.println("running " + label);
            try (ChildRun child = ChildRun.start(command, logDir, "run")) {
                int exitCode = child.waitFor(Duration.ofSeconds(options.runTimeoutSeconds));
                if (exitCode == ChildRun.TIMED_OUT) {
                    throw new BenchFailure("timed out after " + options.runTimeoutSeconds + " s: " + String.join(" ", command));
                }
                progress.printf("  %s: exit %d, %.1f s wall%n", label, exitCode, child.wallSeconds());
                if (exitCode != 0) {
                    throw new BenchFailure(label + ": " + tool + " exited with " + exitCode + ": " + child.tail());
                }
                return child;
            }
        }
    }

    private void deleteLogs() {
        try {
            if (logDir != null) {
                Utils.delete(logDir.toFile());
            }
        } catch (IOException e) {
            progress.println("warning: could not delete " + logDir + ": " + e.getMessage());
        }
    }
}
