package org.sfcrime.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Counts one kind of {@link Discrepancy} and keeps its first examples, built only when kept. */
final class DiscrepancyLog {

    static final int MAX_EXAMPLES = 10;

    private final List<Example> examples = new ArrayList<>();
    private long count;

    void add(Supplier<Example> example) {
        count++;
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example.get());
        }
    }

    /** Counts {@code n} at once, e.g. copies missing of one record; keeps one example for them. */
    void add(long n, Supplier<Example> example) {
        count += n;
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example.get());
        }
    }

    long count() {
        return count;
    }

    Findings findings() {
        return new Findings(count, examples);
    }
}
