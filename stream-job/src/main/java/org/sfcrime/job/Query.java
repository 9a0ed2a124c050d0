package org.sfcrime.job;

import java.util.Locale;

/** What the job computes from the calls; each runs as its own streaming query (or one per sink, for the counts). */
public enum Query {
    /** The windowed counts, written to the --sinks. */
    COUNTS,
    /** Every valid call with its radio-code description, written to --enriched-topic. */
    ENRICHED;

    /** The name users write after --queries; --help lists these. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
