package org.sfcrime.job;

import java.util.Locale;

/** Where the windowed counts go; several can run at once, each as its own query. */
public enum Sink {
    /** Prints the windows changed by each batch, largest counts first (update mode). */
    CONSOLE,
    /** Writes every changed window as a JSON row keyed by window, crime type and disposition (update mode). */
    KAFKA,
    /** Writes each window once, when the watermark has passed its end, as JSON lines or Parquet (append mode, exactly once). */
    FILES;

    public String queryName() {
        return "counts-" + this;
    }

    /** The name users write after --sinks; --help lists these. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
