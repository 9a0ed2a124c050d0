package org.sfcrime.producer;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say what is replayed and how: input, order, pace, span, invalid records.
 * Declared once, here; their defaults come from config/producer.properties. Read-only once
 * picocli has filled them and {@link #validate()} has passed.
 */
public final class ReplayOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "The calls file, relative to the working directory; '-' reads standard input."
                    + " JSON array or NDJSON, gzip detected from the content. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--order", paramLabel = "ORDER",
            description = "event-time: ascending call_date_time, ties in file order (reads the whole file first);"
                    + " file: as in the file, streamed. Default: ${DEFAULT-VALUE}.")
    ReplayOrder order;

    @Option(names = "--rate", paramLabel = "N",
            description = "Records per second; 0 sends as fast as the broker takes them. Default: ${DEFAULT-VALUE}.")
    double rateRecordsPerSecond;

    @Option(names = "--speedup", paramLabel = "X",
            description = "Replay the time between consecutive calls X times faster (60 = one hour of calls per"
                    + " minute); 0 = off. Not with --rate or --order file. Default: ${DEFAULT-VALUE}.")
    double speedup;

    @Option(names = "--loop",
            description = "Replay again and again until stopped or --limit; each pass is shifted forward by the"
                    + " file's time span (last - first call + 1 minute), written into the date fields."
                    + " Not with --order file.")
    boolean loop;

    @Option(names = "--skip", paramLabel = "N",
            description = "Pass over the first N valid records in replay order. Default: ${DEFAULT-VALUE}.")
    long skip;

    /** Null: no limit. */
    @Option(names = "--limit", paramLabel = "N",
            description = "Stop after sending N records (counted over all passes with --loop). Default: all.")
    Long limit;

    /** Null: invalid records are counted, not listed. */
    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Write each invalid record as one JSON line {\"index\":N,\"reason\":\"...\"}; '-' = stdout.")
    String rejects;

    @Option(names = "--strict",
            description = "Stop at the first invalid record (exit 1) instead of skipping it.")
    boolean strict;

    /** The most records to send: {@link Long#MAX_VALUE} without --limit. */
    long limitOrMax() {
        return limit == null ? Long.MAX_VALUE : limit;
    }

    /** @throws ParameterException naming the option, when a value or a combination is not allowed */
    void validate() {
        require(input != null && !input.isEmpty(), "--input needs a file name or '-' for standard input");
        require(Double.isFinite(rateRecordsPerSecond) && rateRecordsPerSecond >= 0,
                "--rate must be a number of records per second >= 0 (0 = as fast as possible), got " + rateRecordsPerSecond);
        require(Double.isFinite(speedup) && speedup >= 0,
                "--speedup must be a factor > 0 (60 = one hour of calls per minute), got " + speedup);
        require(rateRecordsPerSecond == 0 || speedup == 0,
                "--rate and --speedup cannot be combined: --rate paces by record count, --speedup by call time");
        require(order == ReplayOrder.EVENT_TIME || speedup == 0,
                "--speedup needs --order event-time: in file order the call times run backwards");
        require(order == ReplayOrder.EVENT_TIME || !loop,
                "--loop needs --order event-time: each pass is shifted forward in event time");
        require(skip >= 0, "--skip must be >= 0, got " + skip);
        require(limit == null || limit >= 0, "--limit must be >= 0, got " + limit);
    }

    /** @throws ParameterException with the message, a usage error, unless the condition holds */
    void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
