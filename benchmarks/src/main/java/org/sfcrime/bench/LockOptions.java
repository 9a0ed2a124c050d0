package org.sfcrime.bench;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The --lock-file and --lock-wait-s options of every benchmark: which {@link MeasurementLock} and how long to wait for it. */
public final class LockOptions {

    @Option(names = "--lock-file", paramLabel = "FILE", defaultValue = MeasurementLock.DEFAULT_FILE,
            description = "File locked exclusively during each measured run, shared with every other benchmark on "
                    + "this machine (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(names = "--lock-wait-s", paramLabel = "S", defaultValue = "1800",
            description = "Longest wait for another measurement to release the lock before one run, in seconds "
                    + "(default: ${DEFAULT-VALUE}; 0 = only try once).")
    private long waitSeconds;

    /** @throws ParameterException (exit 2) when the wait is negative */
    public void validate(CommandSpec spec) {
        if (waitSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--lock-wait-s must be 0 or more, not " + waitSeconds);
        }
    }

    public Path file() {
        return file;
    }

    public Duration maxWait() {
        return Duration.ofSeconds(waitSeconds);
    }
}
