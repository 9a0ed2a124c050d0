package org.sfcrime.bench.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of the clients in each round: rotated by one every round, so that no client always
 * runs first (on a cold broker and page cache) or always right after the same neighbour.
 */
final class Rounds {

    private Rounds() {
    }

    /** The clients of round (1-based; warm-up rounds are 0 and below), the list rotated left by round - 1. */
    static <T> List<T> order(List<T> clients, int round) {
        List<T> rotated = new ArrayList<>(clients);
        Collections.rotate(rotated, -Math.floorMod(round - 1, clients.size()));
        return rotated;
    }

    /** Whether a round's runs count: warm-up rounds are run and checked, not measured. */
    static boolean measured(int round) {
        return round >= 1;
    }

    /** "round N", or "warm-up" for a round that is not measured. */
    static String label(int round) {
        return measured(round) ? "round " + round : "warm-up";
    }
}
