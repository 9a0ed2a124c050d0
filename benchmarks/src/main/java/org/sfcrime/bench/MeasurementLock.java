package org.sfcrime.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

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
    private final FileLock lock;
    private final long waitedMs;

    private MeasurementLock(FileChannel channel, FileLock lock, long waitedMs) {
        this.channel = channel;
        this.lock = lock;
        this.waitedMs = waitedMs;
    }

    /** How long this measurement waited for others' to end, in ms: recorded with the results. */
    public long waitedMs() {
        return waitedMs;
    }

    /**
     * Waits up to maxWait for the lock.
     *
     * @throws BenchFailure when another process holds it for longer
     */
    public static MeasurementLock acquire(Path file, Duration maxWait, PrintStream progress) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long start = System.nanoTime();
            long deadline = start + maxWait.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new MeasurementLock(channel, lock, (System.nanoTime() - start) / 1_000_000);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new BenchFailure("another benchmark held " + file + " for more than "
                            + maxWait.toSeconds() + " s (raise --lock-wait-s)");
                }
                if (!told) {
                    progress.println("waiting for " + file + ": another measurement is running");
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BenchFailure("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for " + file);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
