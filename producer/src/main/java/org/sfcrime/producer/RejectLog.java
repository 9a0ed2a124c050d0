package org.sfcrime.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sfcrime.record.CallFileEntry;

/**
 * Counts invalid records and, when asked to, lists each as one JSON line
 * {@code {"index":17,"reason":"missing crime_id"}}. In strict mode the first one stops the replay.
 */
public final class RejectLog implements Closeable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final String source;
    private final Writer lines;
    private final boolean strict;
    private long count;

    /**
     * @param source the input's name, for the strict-mode message
     * @param lines  where rejects are listed, or null to only count them
     * @param strict whether the first invalid record stops the replay
     */
    public RejectLog(String source, Writer lines, boolean strict) {
        this.source = source;
        this.lines = lines;
        this.strict = strict;
    }

    public void reject(CallFileEntry entry) throws IOException {
        count++;
        if (lines != null) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("index", entry.index());
            line.put("reason", entry.rejectReason());
            lines.write(mapper.writeValueAsString(line));
            lines.write('\n');
        }
        if (strict) {
            throw new StrictModeViolation(source, entry.index(), entry.rejectReason());
        }
    }

    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
