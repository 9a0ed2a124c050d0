package org.sfcrime.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sfcrime.cli.ExitCodes;

/**
 * How a replay ended. {@link Replayer} fills in the counts by name as it goes; they are final once
 * it has closed the producer. The counts always reconcile: read = sent + skipped, and once the
 * producer is closed, sent = acknowledged + failed.
 */
public final class ReplaySummary {

    final String source;
    final String topic;
    /** Records taken from the input (valid or not); records never reached (after --limit, a stop or a failure) are not. */
    long read;
    /** Records handed to the producer. */
    long sent;
    long acknowledged;
    /** Sends that failed after the producer's own retries. */
    long failed;
    /** Invalid records skipped (see --rejects). */
    long invalid;
    /** Valid records passed over by --skip. */
    long skippedByOption;
    /** Passes over the file: more than 1 only with --loop. */
    int passes = 1;
    /** How far each pass was shifted in event time: zero without --loop. */
    Duration shiftPerPass = Duration.ZERO;
    /** From the start of reading until the producer was closed. */
    long elapsedNanos;
    /** From the start of reading until the first send, sorting included. */
    long readingNanos;
    /** Keys plus values sent, in bytes. */
    long sentBytes;
    /** The first failed send's reason, or null. */
    String firstFailure;
    /** Why the replay stopped early (broken file, --strict, I/O), or null. */
    String stopError;
    /** A stop was requested (SIGINT/SIGTERM). */
    boolean interrupted;

    ReplaySummary(String source, String topic) {
        this.source = source;
        this.topic = topic;
    }

    public long skipped() {
        return invalid + skippedByOption;
    }

    public boolean reconciles() {
        return read == sent + skipped() && sent == acknowledged + failed;
    }

    /** Every sent record was acknowledged and nothing stopped the replay early. */
    public boolean succeeded() {
        return stopError == null && !interrupted && failed == 0 && acknowledged == sent && reconciles();
    }

    /** 0 success, 1 failure, 130 interrupted. Skipped invalid records alone are not a failure. */
    public int exitCode() {
        if (interrupted) {
            return ExitCodes.INTERRUPTED;
        }
        return succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    public double recordsPerSecond() {
        return elapsedNanos == 0 ? 0 : sent / elapsedSeconds();
    }

    public double megabytesPerSecond() {
        return elapsedNanos == 0 ? 0 : sentBytes / 1e6 / elapsedSeconds();
    }

    /** The summary for stderr; the last line is a one-line "error: ..." when the run failed. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        lines.add(row("read", read, ""));
        lines.add(row("sent", sent, ""));
        lines.add(row("acknowledged", acknowledged, ""));
        lines.add(row("failed", failed, ""));
        lines.add(row("skipped", skipped(), "(" + invalid + " invalid, " + skippedByOption + " by --skip)"));
        if (passes > 1) {
            lines.add(row("passes", passes, "(each shifted " + humanDuration(shiftPerPass) + " later in event time)"));
        }
        lines.add(String.format(Locale.ROOT, "  %-13s %,12.3f s  (%.3f s reading before the first send)",
                "elapsed", elapsedSeconds(), readingNanos / 1e9));
        lines.add(String.format(Locale.ROOT, "  %-13s %,12.0f records/s, %.2f MB/s",
                "throughput", recordsPerSecond(), megabytesPerSecond()));
        String error = errorMessage();
        if (error != null) {
            lines.add("error: " + error);
        }
        return lines;
    }

    private String headline() {
        String outcome;
        if (interrupted) {
            outcome = "interrupted";
        } else if (succeeded()) {
            outcome = "done";
        } else {
            outcome = "FAILED";
        }
        return "producer: replay of " + source + " to topic " + topic + " " + outcome;
    }

    private String errorMessage() {
        if (stopError != null) {
            return stopError;
        }
        if (failed > 0) {
            return failed + " of " + sent + " records were not acknowledged (the replay stops at the first failure);"
                    + " first failure: " + firstFailure;
        }
        if (!reconciles()) {
            return "the counts do not reconcile: read " + read + ", sent " + sent + ", acknowledged " + acknowledged
                    + ", failed " + failed + ", skipped " + skipped();
        }
        return null;
    }

    private static String row(String name, long value, String note) {
        return String.format(Locale.ROOT, "  %-13s %,12d  %s", name, value, note).stripTrailing();
    }

    static String humanDuration(Duration duration) {
        long minutes = duration.toMinutes();
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        return days + "d " + hours + "h " + mins + "m";
    }
}
