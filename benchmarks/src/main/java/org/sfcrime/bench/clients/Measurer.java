package org.sfcrime.bench.clients;

import org.sfcrime.bench.MeasurementLock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs each measured child process alone: under the machine-wide {@link MeasurementLock}, taken
 * per run (not per benchmark) so that other measurements can interleave with ours but
 * never overlap them.
 */
final class Measurer {

    private final Path lockFile;
    private final Duration lockWait;
    private final Duration runTimeout;
    private final PrintStream progress;

    Measurer(Path lockFile, Duration lockWait, Duration runTimeout, PrintStream progress) {
        this.lockFile = lockFile;
        this.lockWait = lockWait;
        this.runTimeout = runTimeout;
        this.progress = progress;
    }

    /** Runs the command under the lock and returns what it did; the label is for progress lines. */
    ChildRun.Result measure(String label, List<String> command) {
        try (MeasurementLock ignored = MeasurementLock.acquire(lockFile, lockWait, progress)) {
            progress.println("running " + label);
            ChildRun.Result result = ChildRun.run(command, runTimeout);
            progress.printf("  %s: exit %d, %.1f s wall%n", label, result.exitCode(), result.wallSeconds());
            return result;
        }
    }
}
