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

    /** The clients of round (1-based), the list rotated left by round - 1. */
    static <T> List<T> order(List<T> clients, int round) {
        List<T> rotated = new ArrayList<>(clients);
        Collections.rotate(rotated, -((round - 1) % clients.size()));
        return rotated;
    }
}
