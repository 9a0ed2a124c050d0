package org.sfcrime.producer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.MalformedCallFileException;

/**
 * Reads the whole file, then hands its calls out in ascending call_date_time, ties in file order.
 *
 * <p>Only what a {@link ReplayCall} needs is kept (its key and compact value, about 0.5 KB per call
 * of the DataSF extract; running out of memory is reported by {@link OutOfMemoryAdvice}). When the
 * file breaks off, the calls before the break are still replayed, and the break is reported after
 * the last of them.
 */
final class EventTimeOrderSource implements CallSource {

    private static final Comparator<ReplayCall> BY_EVENT_TIME = Comparator.comparingLong(ReplayCall::eventTimeMillis);

    /** The file's valid calls in file order, invalid ones handed to the reject log: what is sorted. */
    private final FileOrderSource file;
    private List<ReplayCall> calls;
    private int nextPosition;
    private MalformedCallFileException pendingBreak;

    EventTimeOrderSource(CallFileReader reader, RejectLog rejects) {
        this.file = new FileOrderSource(reader, rejects);
    }

    @Override
    public ReplayCall next() throws IOException {
        load();
        if (nextPosition < calls.size()) {
            return calls.get(nextPosition++);
        }
        if (pendingBreak != null) {
            MalformedCallFileException reported = pendingBreak;
            pendingBreak = null;
            throw reported;
        }
        return null;
    }

    /** Starts the sorted calls over, for another pass. */
    void rewind() {
        nextPosition = 0;
    }

    @Override
    public long callsPerPass() {
        try {
            load();
        } catch (IOException e) {
            // the same failure surfaces again, at the right moment, from next()
            return -1;
        }
        return calls.size();
    }

    /** Earliest call time in {@link ReplayCall#eventTimeMillis()} units; only once loaded and not empty. */
    long firstEventTimeMillis() {
        return calls.get(0).eventTimeMillis();
    }

    long lastEventTimeMillis() {
        return calls.get(calls.size() - 1).eventTimeMillis();
    }

    /** Reads the file once; strict-mode violations and I/O errors propagate before anything is sent. */
    private void load() throws IOException {
        if (calls != null) {
            return;
        }
        ArrayList<ReplayCall> loaded = new ArrayList<>();
        try {
            for (ReplayCall call = file.next(); call != null; call = file.next()) {
                loaded.add(call);
            }
        } catch (MalformedCallFileException e) {
            pendingBreak = e;
        }
        // List.sort is a stable merge sort: equal call times keep their file order.
        loaded.sort(BY_EVENT_TIME);
        loaded.trimToSize();
        calls = loaded;
    }

    @Override
    public long invalidCount() {
        return file.invalidCount();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
