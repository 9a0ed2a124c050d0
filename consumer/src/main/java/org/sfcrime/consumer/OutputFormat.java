package org.sfcrime.consumer;

import java.util.Locale;

/** How console mode writes each message's value to stdout. */
public enum OutputFormat {
    /** The value bytes as they are in Kafka, one message per line. */
    RAW,
    /** The value as indented JSON (values that are not JSON are written as they are). */
    PRETTY,
    /** A fixed-width table of chosen fields, header once. */
    TABLE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
