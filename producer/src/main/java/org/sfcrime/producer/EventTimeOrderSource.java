package org.sfcrime.producer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.MalformedCallFileException;

/**
 * Reads the whole file, then hands its calls out in ascending call_date_time, ties in file order.
 *
 * <p>The real extract is newest first, so this mostly reverses it. Only what a {@link ReplayCall}
 * needs is kept (its key and compact value, about 0.5 KB per call of the DataSF extract). When the
 * file breaks off, the calls before the break are still replayed, and the break is reported after
 * the last of them.
 */
final class EventTimeOrderSource implements CallSource {

    private static final Comparator<ReplayCall> BY_EVENT_TIME = Comparator.comparingLong(ReplayCall::eventTimeMillis);

    /** The file's valid calls in file order, invalid ones handed to the reject log: what is sorted. */
    private final FileOrderSource file;
    private final String source;
    private List<ReplayCall> calls;
    private int nextPosition;
    private MalformedCallFileException pendingBreak;

    EventTimeOrderSource(CallFileReader reader, RejectLog rejects) {
        this.file = new FileOrderSource(reader, rejects);
        this.source = reader.source();
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
        List<ReplayCall> loaded = new ArrayList<>();
        try {
            for (ReplayCall call = file.next(); call != null; call = file.next()) {
                loaded.add(call);
            }
        } catch (MalformedCallFileException e) {
            pendingBreak = e;
        } catch (OutOfMemoryError e) {
            int held = loaded.size();
            loaded = null; // frees the records, so that the failure can be reported
            throw new IOException(source + ": memory ran out after " + held + " records; event-time order holds the "
                    + "whole file in the heap to sort it (about 0.5 KB per call of the DataSF extract): raise -Xmx or "
                    + "use --order file");
        }
        if (newestFirst(loaded)) {
            reverseKeepingTiesInFileOrder(loaded);
        } else {
            // List.sort is a stable merge sort: equal call times keep their file order.
            loaded.sort(BY_EVENT_TIME);
        }
        if (loaded instanceof ArrayList<ReplayCall> list) {
            list.trimToSize();
        }
        calls = loaded;
    }

    /** DataSF exports are newest first: then ascending order is the reverse, found in one pass. */
    private static boolean newestFirst(List<ReplayCall> calls) {
        for (int i = 1; i < calls.size(); i++) {
            if (calls.get(i - 1).eventTimeMillis() < calls.get(i).eventTimeMillis()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reversing a newest-first list orders it by call time, but puts equal call times in reverse
     * file order: each such run is turned back. Why not sort: the merge sort splits a file full of
     * equal times into short runs and sorts them, the reverse costs one pass.
     */
    private static void reverseKeepingTiesInFileOrder(List<ReplayCall> calls) {
        Collections.reverse(calls);
        int start = 0;
        while (start < calls.size()) {
            int end = start + 1;
            while (end < calls.size() && calls.get(end).eventTimeMillis() == calls.get(start).eventTimeMillis()) {
                end++;
            }
            if (end - start > 1) {
                Collections.reverse(calls.subList(start, end));
            }
            start = end;
        }
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
