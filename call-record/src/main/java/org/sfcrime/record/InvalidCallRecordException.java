package org.sfcrime.record;

/** A JSON value that is not a valid call record; the message is the reason, fit for a report. */
public class InvalidCallRecordException extends Exception {
    public InvalidCallRecordException(String reason) {
        super(reason, null, false, false);
    }
}
