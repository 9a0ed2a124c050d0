package org.sfcrime.sample;

import java.util.Locale;

/** Layouts of a written sample. */
public enum SampleFormat {
    /** One JSON array indented by 4 spaces, byte for byte like the DataSF export. */
    PRETTY,
    /** One compact JSON object per line. */
    NDJSON;

    /** The name users type on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
