package org.sfcrime.bench.clients;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.sfcrime.bench.BenchFailure;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the client benchmarks share around their own rounds: options, the noise note, the table on
 * stdout, the CSV files, and the exit-code contract (0 every run completed, 1 a run failed).
 */
abstract class ClientBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    final PrintStream out = System.out;
    final PrintStream progress = System.err;

    /** Name of the CSV files and of the benchmark in messages. */
    abstract String name();

    /** Starts a broker, alternates the clients for the configured rounds and returns every run. */
    abstract BenchmarkResult run();

    @Override
    public final Integer call() {
        options.validate(spec);
        try {
            BenchmarkResult result = run();
            out.println();
            out.println(NoiseNote.text(options.lock.file()));
            ResultTable.print(result, out);
            ResultCsv.write(result, options.outputDirectory(), name())
                    .forEach(file -> progress.println("wrote " + file));
            return 0;
        } catch (BenchFailure | IllegalStateException | AssertionError e) {
            progress.println("error: " + Failures.oneLine(e));
            return 1;
        }
    }
}
