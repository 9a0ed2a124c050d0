package org.sfcrime.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The newest calls of the enriched feed, oldest first, at most a fixed number. */
final class RecentCalls {

    private final int capacity;
    private final Deque<ObjectNode> calls = new ArrayDeque<>();

    RecentCalls(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ObjectNode call) {
        calls.addLast(call);
        while (calls.size() > capacity) {
            calls.removeFirst();
        }
    }

    synchronized List<ObjectNode> all() {
        return new ArrayList<>(calls);
    }
}
