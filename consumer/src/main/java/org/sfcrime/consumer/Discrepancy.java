package org.sfcrime.consumer;

/** The kinds of difference between a calls file and a topic that the delivery report counts. */
public enum Discrepancy {
    MISSING("missing", "records of the file not found in the topic", true),
    DUPLICATED("duplicated", "extra copies of records of the file", true),
    UNEXPECTED("unexpected", "valid calls in the topic that are not in the file", true),
    UNPARSEABLE("unparseable", "messages that are not valid call records", true),
    WRONG_KEY("wrong_key", "messages whose key is not their crime_id", true),
    OUT_OF_ORDER("out_of_order", "messages whose call_date_time is before the previous one in the partition", true),
    SKIPPED_IN_FILE("skipped_in_file", "invalid records of the file, not expected in the topic", false);

    private final String key;
    private final String meaning;
    private final boolean breaksDelivery;

    Discrepancy(String key, String meaning, boolean breaksDelivery) {
        this.key = key;
        this.meaning = meaning;
        this.breaksDelivery = breaksDelivery;
    }

    /** Name in the JSON report. */
    public String key() {
        return key;
    }

    /** Name in the text report. */
    public String label() {
        return key.replace('_', ' ');
    }

    /** One phrase for the text report. */
    public String meaning() {
        return meaning;
    }

    /** False only for what is wrong with the file rather than with the delivery. */
    public boolean breaksDelivery() {
        return breaksDelivery;
    }
}
