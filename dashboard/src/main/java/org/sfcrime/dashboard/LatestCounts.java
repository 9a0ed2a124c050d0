package org.sfcrime.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest count of every key (window start, crime type, disposition) in the counts topic. The
 * topic is a changelog written at least once: a repeated or older message of a key replaces the
 * value held, it never adds to it. Rows are kept ordered by window, then crime type, then disposition.
 */
final class LatestCounts {

    static final String WINDOW_START = "window_start";
    static final String WINDOW_END = "window_end";
    static final String CRIME_TYPE = "crime_type";
    static final String DISPOSITION = "disposition";
    static final String COUNT = "count";

    /** A count's key; the timestamps are the topic's zero-padded text, so text order is time order. */
    record Key(String windowStart, String crimeType, String disposition) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::windowStart).thenComparing(Key::crimeType)
                .thenComparing(Key::disposition);

        static Key of(JsonNode row) {
            return new Key(row.path(WINDOW_START).asText(), row.path(CRIME_TYPE).asText(), row.path(DISPOSITION).asText());
        }
    }

    private final Map<Key, ObjectNode> rows = new TreeMap<>(Key.ORDER);

    /**
     * @param row a message's value: window_start, window_end, crime_type, disposition, description, count
     * @return true when the value held for its key changed (a new key or another count)
     * @throws IllegalArgumentException when the row lacks a window start or a count
     */
    synchronized boolean put(ObjectNode row) {
        if (!row.hasNonNull(WINDOW_START) || !row.path(COUNT).canConvertToLong()) {
            throw new IllegalArgumentException("not a count: " + row);
        }
        ObjectNode previous = rows.put(Key.of(row), row);
        return !row.equals(previous);
    }

    /** Every key's latest row, ordered by window, crime type and disposition. */
    synchronized List<ObjectNode> all() {
        return new ArrayList<>(rows.values());
    }

    synchronized int size() {
        return rows.size();
    }

    /** The start of the newest window held, as the topic writes it. */
    synchronized Optional<String> newestWindowStart() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(((TreeMap<Key, ObjectNode>) rows).lastKey().windowStart());
    }
}
