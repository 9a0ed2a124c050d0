package org.sfcrime.sample;

import java.util.SplittableRandom;

/**
 * Picks {@code disposition} values: exactly the 28 values of the real extract, weighted by their
 * real counts. Eleven of them ("Not recorded", OTS, GEN, INC, DUP, TOW, CHP, ENC, TH2, FIR, HOT;
 * about 9.9% of calls) have no entry in the radio-code lookup, which is what makes an inner join
 * against it lose calls.
 */
final class Dispositions {

    private static final WeightedTable<String> REAL_COUNTS = WeightedTable.<String>builder()
            .add("HAN", 57639).add("GOA", 26211).add("ADV", 19515).add("Not recorded", 19238)
            .add("CIT", 18400).add("REP", 16054).add("UTL", 9376).add("ND", 8123)
            .add("CAN", 7590).add("NOM", 7070).add("PAS", 3863).add("NCR", 1681)
            .add("22", 1546).add("ARR", 1472).add("ABA", 1098).add("ADM", 427)
            .add("OTS", 262).add("GEN", 226).add("INC", 87).add("SFD", 80)
            .add("DUP", 22).add("CRM", 7).add("TOW", 4).add("CHP", 3)
            .add("ENC", 2).add("TH2", 1).add("FIR", 1).add("HOT", 1)
            .build();

    private Dispositions() {
    }

    static String pick(SplittableRandom random) {
        return REAL_COUNTS.pick(random);
    }
}
