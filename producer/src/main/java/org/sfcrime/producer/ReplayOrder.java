package org.sfcrime.producer;

/** The order in which records are sent; {@link #toString()} is the value written after --order. */
public enum ReplayOrder {

    /** Ascending call_date_time, ties in file order: event time only moves forward. */
    EVENT_TIME("event-time"),

    /** As the records appear in the file, streamed without buffering. */
    FILE("file");

    private final String optionValue;

    ReplayOrder(String optionValue) {
        this.optionValue = optionValue;
    }

    @Override
    public String toString() {
        return optionValue;
    }
}
