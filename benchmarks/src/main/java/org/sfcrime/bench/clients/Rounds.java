package org.sfcrime.bench.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of the clients in each round: rotated by one every round, so that no client always
 * runs first (on a cold broker and page cache) or always right after the same neighbour.
 * Warm-up rounds are numbered 0 and below, and are run and checked, not measured.
 */
final class Rounds {

    private Rounds() {
    }

    static <T> List<T> order(List<T> clients, int round) {
        List<T> rotated = new ArrayList<>(clients);
        Collections.rotate(rotated, -Math.floorMod(round - 1, clients.size()));
        return rotated;
    }

    static boolean measured(int round) {
        return round >= 1;
    }

    static String label(int round) {
        return measured(round) ? "round " + round : "warm-up";
    }
}
