package org.sfcrime.record;

/**
 * One record read from a calls file: either a valid call or the reason it was rejected.
 *
 * @param index        0-based position of the record in the file
 * @param call         the valid call, or null when rejected
 * @param rejectReason why the record was rejected, or null when valid
 */
public record CallFileEntry(long index, CallRecord call, String rejectReason) {

    public boolean valid() {
        return call != null;
    }
}
