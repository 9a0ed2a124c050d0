package org.sfcrime.consumer;

import java.util.Locale;

/** How verify mode writes its {@link DeliveryReport} to stdout. */
public enum ReportFormat {
    /** Aligned text for people. */
    TEXT,
    /** One JSON document for scripts. */
    JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
