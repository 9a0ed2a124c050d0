package org.sfcrime.bench.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.sfcrime.sample.SyntheticCalls;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.bench.LockOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options both client benchmarks share: the data set, the alternation, the lock and the deadlines. */
final class BenchOptions {

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Size of the synthetic data set, in records (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "How many times to alternate the clients; the medians are over these rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1",
            description = "Rounds run and checked before the measured ones, and not counted: the first runs on a "
                    + "freshly started broker are slower for every client, and only the first client of round 1 "
                    + "would pay for it (default: ${DEFAULT-VALUE}).")
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

    @Mixin
    LockOptions lock;

    @Option(names = "--run-timeout-s", paramLabel = "S", defaultValue = "300",
            description = "Deadline of one measured run, in seconds; it is killed after (default: ${DEFAULT-VALUE}).")
    long runTimeoutSeconds;

    @Option(names = "--producer-jar", paramLabel = "FILE", defaultValue = "producer/target/producer.jar",
            description = "The producer jar to measure, relative to the project root (default: ${DEFAULT-VALUE}; "
                    + "the scripts pass a private copy, so a rebuild during the benchmark cannot change it).")
    Path producerJar;

    @Option(names = "--consumer-jar", paramLabel = "FILE", defaultValue = "consumer/target/consumer.jar",
            description = "The consumer jar to measure, relative to the project root (default: ${DEFAULT-VALUE}; "
                    + "the scripts pass a private copy).")
    Path consumerJar;

    /** @throws ParameterException (exit 2) naming the first invalid option */
    void validate(CommandSpec spec) {
        if (records < 1 || records > SyntheticCalls.MAX_RECORDS) {
            throw new ParameterException(spec.commandLine(), "--records must be between 1 and "
                    + SyntheticCalls.MAX_RECORDS + ", not " + records);
        }
        requireFile(spec, "--producer-jar", producerJar);
        requireFile(spec, "--consumer-jar", consumerJar);
        requirePositive(spec, "--rounds", rounds);
        if (warmupRounds < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-rounds must be 0 or more, not " + warmupRounds);
        }
        requirePositive(spec, "--partitions", partitions);
        lock.validate(spec);
        requirePositive(spec, "--run-timeout-s", runTimeoutSeconds);
    }

    /** Every round to run, warm-up rounds first: those are numbered 0 and below, the measured ones from 1. */
    IntStream allRounds() {
        return IntStream.rangeClosed(1 - warmupRounds, rounds);
    }

    Path outputDirectory() {
        return ProjectPaths.root().resolve(outputDir);
    }

    private static void requireFile(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(ProjectPaths.root().resolve(file))) {
            throw new ParameterException(spec.commandLine(), option + ": no such file: " + file
                    + " (build it with mvn -DskipTests package)");
        }
    }

    private static void requirePositive(CommandSpec spec, String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + value);
        }
    }
}
