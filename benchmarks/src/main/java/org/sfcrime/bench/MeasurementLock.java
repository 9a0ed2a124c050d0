package org.sfcrime.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.apache.kafka.common.utils.Utils;

/**
 * An exclusive lock on a file shared by every benchmark on this machine, held for the duration of
 * one measured child process. The machine has 2 cores and is shared: two measurements running at
 * once would each measure the other. The wait is bounded; the lock is released on close (and by
 * the operating system if this JVM dies).
 */
public final class MeasurementLock implements AutoCloseable {

    /** The lock file every benchmark here agrees on: the default of their --lock-file. */
    public static final String DEFAULT_FILE = "/tmp/sf-bench.lock";

    private static final long POLL_MILLIS = 200;

    private final FileChannel channel;
    private final long waitedMs;

    private MeasurementLock(FileChannel channel, long waitedMs) {
        this.channel = channel;
        this.waitedMs = waitedMs;
    }

    /** How long this measurement waited for others' to end, in ms: recorded with the results. */
    public long waitedMs() {
        return waitedMs;
    }

    /** @throws BenchFailure when another process holds the lock for longer than maxWait */
    public static MeasurementLock acquire(Path file, Duration maxWait, PrintStream progress) {
        long start = System.nanoTime();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            for (boolean told = false; channel.tryLock() == null; told = true) {
                if (System.nanoTime() - start >= maxWait.toNanos()) {
                    throw new BenchFailure("another benchmark held " + file + " for more than " + maxWait.toSeconds()
                            + " s (raise --lock-wait-s)");
                }
                if (!told) {
                    progress.println("waiting for " + file + ": another measurement is running");
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new MeasurementLock(channel, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | InterruptedException | RuntimeException e) {
            Utils.closeQuietly(channel, file.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof BenchFailure failure ? failure : new BenchFailure("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closing the channel releases the lock. */
    @Override
    public void close() {
        Utils.closeQuietly(channel, "lock file");
    }
}
