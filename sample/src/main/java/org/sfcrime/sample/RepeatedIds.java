package org.sfcrime.sample;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which calls reuse the crime_id of the call just before them. The real extract has 4 crime_ids
 * that occur twice as distinct calls in 200k records; consumers keyed by crime_id must cope, so
 * even a small sample gets at least two of them.
 *
 * <p>A repeat is placed at a "slot": a call whose next older call is on the same day and in the
 * sample, so both calls of the pair are always written. Slots are counted newest first.
 */
final class RepeatedIds {

    private static final double REPEATS_PER_RECORD = 4.0 / 200_000;
    private static final int MIN_REPEATS = 2;

    /** Per day: the number of slots on all newer days; one more entry holds the total. */
    private final long[] firstSlotOfDay;
    /** Chosen slots, ascending. */
    private final long[] repeatSlots;

    private RepeatedIds(long[] firstSlotOfDay, long[] repeatSlots) {
        this.firstSlotOfDay = firstSlotOfDay;
        this.repeatSlots = repeatSlots;
    }

    static RepeatedIds plan(CallSchedule schedule, long seed) {
        long[] firstSlotOfDay = new long[schedule.days() + 1];
        long slots = 0;
        long records = 0;
        for (int day = 0; day < schedule.days(); day++) {
            firstSlotOfDay[day] = slots;
            slots += Math.max(0, schedule.included(day) - 1);
            records += schedule.included(day);
        }
        firstSlotOfDay[schedule.days()] = slots;
        long wanted = Math.max(MIN_REPEATS, Math.round(records * REPEATS_PER_RECORD));
        // Each repeat needs two slots of room so that no three calls share one id.
        int repeats = (int) Math.min(wanted, slots / 2);
        return new RepeatedIds(firstSlotOfDay, chooseSlots(slots, repeats, seed));
    }

    /**
     * One slot in each of {@code repeats} equal strata, never a stratum's last slot: this spreads
     * the repeats over the whole time range and keeps two chosen slots from being neighbours.
     */
    private static long[] chooseSlots(long slots, int repeats, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.REPEATS, 0));
        long[] chosen = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = slots * i / repeats;
            long end = slots * (i + 1) / repeats;
            chosen[i] = start + random.nextLong(end - start - 1);
        }
        return chosen;
    }

    /**
     * Whether the call at {@code offset} on the day (0 = the day's newest call) shares its
     * crime_id with the call at {@code offset + 1}.
     */
    boolean repeatsOlderNeighbour(int dayIndex, int offset) {
        long slot = firstSlotOfDay[dayIndex] + offset;
        return slot < firstSlotOfDay[dayIndex + 1] && Arrays.binarySearch(repeatSlots, slot) >= 0;
    }
}
