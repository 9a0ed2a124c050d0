package org.sfcrime.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When the calls happen: how many calls fall in each minute of each day, walking back from the
 * last call of the real extract (2018-12-31 23:57) until the sample has enough records.
 *
 * <p>Days are indexed newest first (0 = 2018-12-31). The number of days follows from the record
 * count, at about 2,200 calls a day like the real extract, and the oldest day is usually only
 * partly included (its newest calls), as in the real file.
 */
final class CallSchedule {

    private static final LocalDate LAST_DAY = LocalDate.of(2018, 12, 31);
    /** Minute of day of the newest call in the real extract (23:57). */
    private static final int LAST_MINUTE = 23 * 60 + 57;
    private static final int MINUTES_PER_DAY = 24 * 60;

    /** The real extract: 199,999 calls from 2018-10-02 09:11 to 2018-12-31 23:57 (90.6 days). */
    private static final double MEAN_CALLS_PER_DAY = 2207;
    /*
     * Real daily totals range over 1,442..2,691. Clamping the expected total leaves room for the
     * Poisson noise of the realized total (about +-150 at three sigma) to stay close to that range.
     */
    private static final double MIN_EXPECTED_PER_DAY = 1500;
    private static final double MAX_EXPECTED_PER_DAY = 2600;
    /** Scales the day-to-day variation to about 11% standard deviation. */
    private static final double DAY_VARIATION = 0.14;

    /**
     * Calls per hour of day over 91 days, shaped like the real extract: peak at 16-17h (about
     * 13.4k), trough at 04h (about 2.6k), ratio about 5:1, about 200k in all.
     */
    private static final double[] HOUR_WEIGHTS = {
        6200, 5000, 4100, 3300, 2600, 2900, 4100, 6000, 7800, 8900, 9700, 10200,
        10600, 10900, 11400, 12300, 13400, 13400, 12200, 11000, 10100, 9200, 8400, 7300,
    };
    private static final double HOUR_WEIGHT_SUM = Arrays.stream(HOUR_WEIGHTS).sum();

    private final long seed;
    /** Per day (newest first): how many of the day's newest calls belong to the sample. */
    private final int[] includedPerDay;

    private CallSchedule(long seed, int[] includedPerDay) {
        this.seed = seed;
        this.includedPerDay = includedPerDay;
    }

    /** Walks back day by day until the days hold {@code records} calls. */
    static CallSchedule plan(int records, long seed) {
        int[] included = new int[16];
        int days = 0;
        long remaining = records;
        while (remaining > 0) {
            int total = callsOn(seed, days);
            int taken = (int) Math.min(total, remaining);
            if (days == included.length) {
                included = Arrays.copyOf(included, days * 2);
            }
            included[days++] = taken;
            remaining -= taken;
        }
        return new CallSchedule(seed, Arrays.copyOf(included, days));
    }

    int days() {
        return includedPerDay.length;
    }

    /** How many of the day's calls are in the sample: always its newest ones. */
    int included(int dayIndex) {
        return includedPerDay[dayIndex];
    }

    static LocalDate date(int dayIndex) {
        return LAST_DAY.minusDays(dayIndex);
    }

    /** Calls in each minute of the day (index = minute of day); a pure function of (seed, day). */
    int[] minuteCounts(int dayIndex) {
        return minuteCounts(seed, dayIndex);
    }

    private static int callsOn(long seed, int dayIndex) {
        return Arrays.stream(minuteCounts(seed, dayIndex)).sum();
    }

    private static int[] minuteCounts(long seed, int dayIndex) {
        double expectedCalls = expectedCalls(seed, dayIndex);
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.SCHEDULE, dayIndex));
        int lastMinute = dayIndex == 0 ? LAST_MINUTE : MINUTES_PER_DAY - 1;
        int[] counts = new int[MINUTES_PER_DAY];
        for (int minute = 0; minute <= lastMinute; minute++) {
            // A constant rate within the hour makes minutes uniform within the hour.
            double perMinute = expectedCalls * HOUR_WEIGHTS[minute / 60] / HOUR_WEIGHT_SUM / 60;
            counts[minute] = poisson(random, perMinute);
        }
        if (dayIndex == 0) {
            // Pin the newest call to the real extract's last call, so every sample ends alike.
            counts[LAST_MINUTE] = Math.max(1, counts[LAST_MINUTE]);
        }
        return counts;
    }

    /**
     * A day's expected total varies by the difference of two random levels, its own and the older
     * day's. Independent variation would let the sum over 91 days drift by more than a day's
     * calls (so 200k records could span 93 days); differences telescope, keeping the span at
     * records / 2,200 days for every seed while each day still varies.
     */
    private static double expectedCalls(long seed, int dayIndex) {
        double variation = DAY_VARIATION * (level(seed, dayIndex) - level(seed, dayIndex + 1));
        double expected = MEAN_CALLS_PER_DAY * weekdayFactor(date(dayIndex).getDayOfWeek()) * (1 + variation);
        return Math.max(MIN_EXPECTED_PER_DAY, Math.min(MAX_EXPECTED_PER_DAY, expected));
    }

    /** Sum of four uniforms, centred: a cheap bell shape that, unlike nextGaussian, is the same on every JDK. */
    private static double level(long seed, int dayIndex) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.DAY_LEVEL, dayIndex));
        return random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble() - 2;
    }

    private static double weekdayFactor(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 1.00;
            case TUESDAY, WEDNESDAY -> 1.01;
            case THURSDAY -> 1.02;
            case FRIDAY -> 1.05;
            case SATURDAY -> 0.99;
            case SUNDAY -> 0.92;
        };
    }

    /** Knuth's method: fine for the small per-minute rates here (under 3). */
    private static int poisson(SplittableRandom random, double mean) {
        // StrictMath: Math.exp may differ in the last bit between interpreted and JIT-compiled code.
        double limit = StrictMath.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
