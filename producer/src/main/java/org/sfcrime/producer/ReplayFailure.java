package org.sfcrime.producer;

/** A failure at run time, explained in one line fit for "error: ..." (exit status 1). */
public final class ReplayFailure extends Exception {

    public ReplayFailure(String message) {
        super(message, null, false, false);
    }
}
