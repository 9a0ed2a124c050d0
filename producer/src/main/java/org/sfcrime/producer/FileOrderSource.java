package org.sfcrime.producer;

import java.io.IOException;
import org.sfcrime.record.CallFileEntry;
import org.sfcrime.record.CallFileReader;

/** Streams calls in file order, holding one record at a time. */
final class FileOrderSource implements CallSource {

    private final CallFileReader reader;
    private final RejectLog rejects;

    FileOrderSource(CallFileReader reader, RejectLog rejects) {
        this.reader = reader;
        this.rejects = rejects;
    }

    @Override
    public ReplayCall next() throws IOException {
        for (CallFileEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if (entry.valid()) {
                return ReplayCall.of(entry);
            }
            rejects.reject(entry);
        }
        return null;
    }

    @Override
    public long invalidCount() {
        return rejects.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
