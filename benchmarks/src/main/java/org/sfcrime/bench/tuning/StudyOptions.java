package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.sfcrime.bench.LockOptions;
import org.sfcrime.testing.ProjectPaths;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The tuning study's options; the defaults that depend on --quick are resolved here, once. */
final class StudyOptions {

    /** Which parts of the study to run. */
    enum Part { ALL, GRID, LIVE }

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
    private Integer warmupRuns;

    @Option(names = "--factors", paramLabel = "FACTOR[,FACTOR]", split = ",",
            description = "Grid factors to vary: shuffle-partitions, max-offsets-per-trigger, master, default-parallelism, state-store"
                    + " (default: all, plus Spark's plain defaults; a subset runs the shipped point as its reference). "
                    + "spark-defaults alone is the stream job's benchmark: shipped defaults against Spark's plain defaults.")
    private List<String> factors;

    @Option(names = "--rates", paramLabel = "N[,N]", split = ",", defaultValue = "1000,5000",
            description = "Live producer rates, records/s (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--triggers", paramLabel = "S[,S]", split = ",",
            description = "Live trigger intervals in seconds, 0 = back to back (default: 0,1,5 with --quick, else 0,1,5,20).")
    private List<Integer> triggers;

    @Option(names = "--live-repeats", paramLabel = "N",
            description = "Runs per rate and trigger (default: 1 with --quick, else 3).")
    private Integer liveRepeats;

    @Option(names = "--live-warmup-s", paramLabel = "S", defaultValue = "10",
            description = "Seconds of each live run not measured, after the producer starts (default: ${DEFAULT-VALUE}).")
    int liveWarmupSeconds;

    @Option(names = "--live-measure-s", paramLabel = "S",
            description = "Seconds of each live run measured, after the warm-up (default: 45 with --quick, else 60).")
    private Integer liveMeasureSeconds;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "docs/tuning",
            description = "Folder for the CSV files and charts, relative to the project root (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--charts-only", description = "Only redraw the charts from the CSV files in --output-dir.")
    boolean chartsOnly;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20181231", description = "Seed of the run order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    LockOptions lock;

    @Option(names = "--run-timeout-s", paramLabel = "S", defaultValue = "900",
            description = "Longest bounded run of the job; it is killed and recorded as failed after that (default: ${DEFAULT-VALUE}).")
    int runTimeoutSeconds;

    /** @throws ParameterException (exit 2) naming the invalid options */
    void validate(CommandSpec spec) {
        if (records < 1 || repeats < 1 || warmupRuns() < 0 || liveWarmupSeconds < 0 || runTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--records, --repeats and --run-timeout-s must be at least 1; --warmup-runs and --live-warmup-s at least 0");
        }
        lock.validate(spec);
        if (rates.stream().anyMatch(rate -> rate < 1)) {
            throw new ParameterException(spec.commandLine(), "--rates must be at least 1 records/s each, not " + rates);
        }
        if (triggerSeconds().stream().anyMatch(trigger -> trigger < 0)) {
            throw new ParameterException(spec.commandLine(), "--triggers must be 0 or more seconds each, not " + triggerSeconds());
        }
        if (!GridPlan.SELECTABLE.containsAll(gridFactors())) {
            throw new ParameterException(spec.commandLine(), "--factors must be among " + String.join(", ", GridPlan.SELECTABLE)
                    + ", not " + gridFactors());
        }
        if (measureSeconds() < 1 || liveRuns() < 1) {
            throw new ParameterException(spec.commandLine(), "--live-measure-s and --live-repeats must be at least 1");
        }
    }

    int warmupRuns() {
        return warmupRuns != null ? warmupRuns : quick ? 0 : 1;
    }

    List<Integer> triggerSeconds() {
        return triggers != null ? triggers : quick ? List.of(0, 1, 5) : List.of(0, 1, 5, 20);
    }

    List<String> gridFactors() {
        return factors != null ? factors : GridPlan.FACTORS;
    }

    int measureSeconds() {
        return liveMeasureSeconds != null ? liveMeasureSeconds : quick ? 45 : 60;
    }

    int liveRuns() {
        return liveRepeats != null ? liveRepeats : quick ? 1 : 3;
    }

    Duration runTimeout() {
        return Duration.ofSeconds(runTimeoutSeconds);
    }

    Path outputDirectory() {
        return ProjectPaths.root().resolve(outputDir);
    }

    String plan() {
        return quick ? "quick" : "full";
    }

    String partName() {
        return part.name().toLowerCase(Locale.ROOT);
    }
}
