package org.sfcrime.sample;

/**
 * Derives independent random seeds from the user's seed.
 *
 * <p>Each concern (schedule, ids, attributes, repeats) and each day draws from its own stream, so
 * a day's calls depend only on (seed, day): a bigger sample extends a smaller one back in time
 * instead of reshuffling it, and changing one vocabulary does not move every timestamp.
 */
final class Seeds {

    enum Purpose { SCHEDULE, DAY_LEVEL, CRIME_IDS, ATTRIBUTES, REPEATS }

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    static long derive(long seed, Purpose purpose, long index) {
        long stream = mix64(seed ^ mix64((purpose.ordinal() + 1) * GOLDEN_GAMMA));
        return mix64(stream + (index + 1) * GOLDEN_GAMMA);
    }

    /** MurmurHash3's 64-bit finalizer: nearby inputs give unrelated outputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
