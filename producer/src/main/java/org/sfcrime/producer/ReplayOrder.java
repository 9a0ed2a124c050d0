package org.sfcrime.producer;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The order in which records are sent, as written on the command line. */
public enum ReplayOrder {

    /** Ascending call_date_time, ties in file order: event time only moves forward. */
    EVENT_TIME("event-time"),

    /** As the records appear in the file, streamed without buffering. */
    FILE("file");

    private final String optionValue;

    ReplayOrder(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    /** Parses a command-line value; the message lists the valid values. */
    public static ReplayOrder parse(String text) {
        for (ReplayOrder order : values()) {
            if (order.optionValue.equals(text)) {
                return order;
            }
        }
        throw new IllegalArgumentException("expected one of " + validValues() + ", got '" + text + "'");
    }

    public static String validValues() {
        return Arrays.stream(values()).map(ReplayOrder::optionValue).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return optionValue;
    }
}
