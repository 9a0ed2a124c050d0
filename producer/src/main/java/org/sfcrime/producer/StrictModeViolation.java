package org.sfcrime.producer;

import java.io.IOException;

/** An invalid record in strict mode: the replay stops there. */
public final class StrictModeViolation extends IOException {

    public StrictModeViolation(String source, long index, String reason) {
        super(source + ": record " + index + " is invalid (" + reason + ") and --strict stops at the first invalid record");
    }
}
