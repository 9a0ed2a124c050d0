package org.sfcrime.producer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Reports progress on stderr: one line rewritten in place (carriage return) on a terminal,
 * otherwise a log line every few seconds. The per-record cost is one clock read and a compare.
 */
class ProgressReporter {

    /** Reports nothing: for tests and for callers that print their own progress. */
    static final ProgressReporter SILENT = new ProgressReporter(null, false, NanoClock.SYSTEM, Long.MAX_VALUE) {
        @Override
        void update(long sent, long expected, int pass) {
        }

        @Override
        void finish() {
        }
    };

    private static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final NanoClock clock;
    private final long intervalNanos;
    private long startNanos = -1;
    private long nextReportNanos;
    private int lastLineLength;

    private ProgressReporter(PrintWriter err, boolean terminal, NanoClock clock, long intervalNanos) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
    }

    /** A line updated in place when stderr is a terminal, a line every 5 s otherwise. */
    static ProgressReporter forStderr(PrintWriter err, boolean terminal) {
        return new ProgressReporter(err, terminal, NanoClock.SYSTEM, terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS);
    }

    /**
     * @param sent     records sent so far
     * @param expected records this replay will send when known, otherwise -1
     * @param pass     the pass being replayed, from 1
     */
    void update(long sent, long expected, int pass) {
        long now = clock.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
            nextReportNanos = now + intervalNanos;
            return;
        }
        if (now < nextReportNanos) {
            return;
        }
        nextReportNanos = now + intervalNanos;
        double seconds = (now - startNanos) / 1e9;
        double rate = sent / seconds;
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "sent %,d records, %,.0f records/s", sent, rate));
        if (pass > 1) {
            line.append(", pass ").append(pass);
        }
        if (expected > 0) {
            line.append(String.format(Locale.ROOT, ", %.1f%%", 100.0 * sent / expected));
            if (rate > 0 && sent < expected) {
                line.append(String.format(Locale.ROOT, ", ETA %.0f s", (expected - sent) / rate));
            }
        }
        if (terminal) {
            int padding = Math.max(0, lastLineLength - line.length());
            lastLineLength = line.length();
            err.print("\r" + line + " ".repeat(padding));
        } else {
            err.println("producer: " + line);
        }
        err.flush();
    }

    /** Ends the in-place line, so that what follows starts on a line of its own. */
    void finish() {
        if (terminal && lastLineLength > 0) {
            err.print("\r" + " ".repeat(lastLineLength) + "\r");
            err.flush();
        }
    }
}
