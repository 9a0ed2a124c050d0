package org.sfcrime.job;

import java.io.PrintWriter;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Ctrl-C or a kill ends a live job in the JVM's shutdown, where Spark's own hook stops the
 * SparkContext under the running queries: a batch in flight fails, and Spark reports that at
 * length (log lines, a thread's uncaught exception) although nothing went wrong that the checkpoint
 * does not cover: a restart on it redoes the batch. Ahead of Spark's hooks, this notes the signal,
 * silences those reports and says in one line what became of the progress; the exit status stays
 * the signal's (130 or 143).
 */
final class SignalStop implements AutoCloseable {

    /** Above Spark's hooks (Hadoop's FileSystem priority 10 + 30), which Hadoop's manager runs one after the other, highest first. */
    private static final int BEFORE_SPARK = 50;

    private final Runnable hook;
    private volatile boolean signalled;

    /** @param checkpoint the --checkpoint location, or null for a temporary one */
    SignalStop(PrintWriter err, String checkpoint) {
        String progress = checkpoint == null ? " (the temporary checkpoint is deleted)"
                : "; a restart with --checkpoint " + checkpoint + " resumes after the last committed batch";
        hook = () -> {
            signalled = true;
            // every logger, as config/spark-log4j2.properties sets some of Spark's own levels
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
            Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> { });
            err.println("stream-job: stopping on a signal" + progress);
            err.flush();
        };
        ShutdownHookManager.get().addShutdownHook(hook, BEFORE_SPARK);
    }

    /** True once the job is stopping because of a signal: a query's failure from here on is that stop. */
    boolean signalled() {
        return signalled;
    }

    /** The job has ended by itself; a later JVM exit is not a signal's. */
    @Override
    public void close() {
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook has run or is running
        }
    }
}
