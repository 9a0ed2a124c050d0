package org.sfcrime.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Picks {@code original_crime_type_name} values: the 40 most frequent types of the real extract
 * with their real counts as weights, plus a long tail (about 20% of calls) of rarer types so that
 * 200k calls hold a few thousand distinct values, most of them seen once or twice.
 */
final class CrimeTypes {

    /** The 40 most frequent types of the real extract and their counts in its 199,999 records. */
    private static final List<String> TOP_NAMES = List.of(
            "Passing Call", "Traffic Stop", "Traf Violation Cite", "Suspicious Person",
            "Homeless Complaint", "Trespasser", "Audible Alarm", "22500e", "Well Being Check",
            "Muni Inspection", "Suspicious Vehicle", "Fight No Weapon", "Noise Nuisance",
            "Auto Boost / Strip", "Traf Violation Tow", "Poss", "Mentally Disturbed", "Petty Theft",
            "Meet W/citizen", "Assault / Battery", "Drugs", "601", "Complaint Unkn", "500e",
            "Burglary", "Stolen Vehicle", "Threats / Harassment", "22500f", "Vandalism", "Rep",
            "H&r Veh Accident", "Veh Accident", "Jo", "Dw", "909", "Fraud", "7.2.46", "518",
            "Fight No Weapon Dv", "Suicide Attempt");
    private static final int[] TOP_COUNTS = {
        35180, 13538, 10921, 10007, 6072, 5840, 5775, 5651, 5552, 5509, 5031, 4199, 4072, 2969,
        2915, 2851, 2585, 2549, 2414, 2356, 2003, 1837, 1676, 1519, 1423, 1408, 1380, 1345, 1337,
        1213, 1009, 998, 961, 919, 865, 842, 823, 801, 750, 731,
    };
    /** Real records outside the top 40 (199,999 - 159,826). */
    private static final int TAIL_COUNT = 40_173;

    /*
     * Tail shape, tuned so that 200k calls give about 3,400 distinct types of which about 2,200
     * occur once (real: 3,418 and 2,193): a Zipf-Mandelbrot law over the most plausible
     * candidates, whose first rank stays below the 40th top type, plus one-off variants.
     */
    private static final int COMMON_TAIL_SIZE = 1200;
    private static final double ZIPF_EXPONENT = 1.4;
    private static final double ZIPF_OFFSET = 30;
    private static final double ONE_OFF_SHARE = 0.06;
    private static final int MAX_VARIANT_ATTEMPTS = 20;

    private static final CrimeTypes STANDARD = new CrimeTypes();

    private final double tailShare;
    private final WeightedTable<String> top;
    private final WeightedTable<String> commonTail;
    private final List<String> candidates;
    private final Set<String> topNames;

    private CrimeTypes() {
        WeightedTable.Builder<String> topBuilder = WeightedTable.builder();
        long topTotal = 0;
        for (int i = 0; i < TOP_NAMES.size(); i++) {
            topBuilder.add(TOP_NAMES.get(i), TOP_COUNTS[i]);
            topTotal += TOP_COUNTS[i];
        }
        top = topBuilder.build();
        tailShare = (double) TAIL_COUNT / (topTotal + TAIL_COUNT);
        // HashSet only for membership tests; nothing iterates it.
        topNames = new HashSet<>(TOP_NAMES);
        candidates = CrimeTypeVocabulary.candidates(topNames);

        WeightedTable.Builder<String> tailBuilder = WeightedTable.builder();
        for (int rank = 0; rank < Math.min(COMMON_TAIL_SIZE, candidates.size()); rank++) {
            // StrictMath: bit-identical weights on every JVM and JIT state.
            tailBuilder.add(candidates.get(rank), 1 / StrictMath.pow(rank + 1 + ZIPF_OFFSET, ZIPF_EXPONENT));
        }
        commonTail = tailBuilder.build();
    }

    static CrimeTypes standard() {
        return STANDARD;
    }

    static List<String> topNames() {
        return TOP_NAMES;
    }

    String pick(SplittableRandom random) {
        if (random.nextDouble() >= tailShare) {
            return top.pick(random);
        }
        if (random.nextDouble() >= ONE_OFF_SHARE) {
            return commonTail.pick(random);
        }
        return oneOff(random);
    }

    private String oneOff(SplittableRandom random) {
        for (int attempt = 0; attempt < MAX_VARIANT_ATTEMPTS; attempt++) {
            String base = candidates.get(random.nextInt(candidates.size()));
            String variant = CrimeTypeVocabulary.variant(base, random);
            if (CrimeTypeVocabulary.isValid(variant) && !topNames.contains(variant)) {
                return variant;
            }
        }
        // Practically unreachable (most variants are valid), but keeps the loop bounded.
        return commonTail.pick(random);
    }
}
