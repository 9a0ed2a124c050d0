package org.sfcrime.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A deterministic synthetic stand-in for the DataSF calls-for-service extract: records shaped and
 * distributed like the real ones, newest first, ending at 2018-12-31 23:57 and reaching back
 * about one day per 2,200 records.
 *
 * <p>Each record is an insertion-ordered map of the 14 fields of
 * {@link org.sfcrime.record.CallRecordFormat#FIELDS}, every value a string. The same
 * (records, seed) always yields the same records. Iterating streams the records a day at a time,
 * so any size fits in a small heap; a bigger sample with the same seed reaches further back in
 * time and starts with the same records as a smaller one, except for the few repeated crime_ids.
 */
public final class SyntheticCalls implements Iterable<Map<String, String>> {

    public static final int DEFAULT_RECORDS = 5000;
    public static final long DEFAULT_SEED = 20181231L;
    /** About 12 years back, keeping crime_ids' two-digit year within 20xx. */
    public static final int MAX_RECORDS = 10_000_000;

    private final CallSchedule schedule;
    private final CallDayBuilder days;

    public SyntheticCalls(int records, long seed) {
        if (records < 1 || records > MAX_RECORDS) {
            throw new IllegalArgumentException("records must be between 1 and " + MAX_RECORDS + ": " + records);
        }
        this.schedule = CallSchedule.plan(records, seed);
        this.days = new CallDayBuilder(seed, schedule, RepeatedIds.plan(schedule, seed));
    }

    /** All records in a list; for small samples (each record takes about 1 KB of heap). */
    public static List<Map<String, String>> generate(int records, long seed) {
        List<Map<String, String>> all = new ArrayList<>(records);
        new SyntheticCalls(records, seed).forEach(all::add);
        return Collections.unmodifiableList(all);
    }

    @Override
    public Iterator<Map<String, String>> iterator() {
        return new Iterator<>() {
            private int nextDay;
            private Iterator<Map<String, String>> day = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!day.hasNext() && nextDay < schedule.days()) {
                    day = days.newestFirst(nextDay++).iterator();
                }
                return day.hasNext();
            }

            @Override
            public Map<String, String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return day.next();
            }
        };
    }
}
