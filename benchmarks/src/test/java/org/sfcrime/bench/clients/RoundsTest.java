package org.sfcrime.bench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    private static final List<String> CLIENTS = List.of("ours", "perf-tool", "naive");

    @Test
    void eachMeasuredRoundStartsWithTheNextClient() {
        assertEquals(List.of("ours", "perf-tool", "naive"), Rounds.order(CLIENTS, 1));
        assertEquals(List.of("perf-tool", "naive", "ours"), Rounds.order(CLIENTS, 2));
        assertEquals(List.of("naive", "ours", "perf-tool"), Rounds.order(CLIENTS, 3));
        assertEquals(List.of("ours", "perf-tool", "naive"), Rounds.order(CLIENTS, 4));
    }

    @Test
    void warmUpRoundsComeBeforeRoundOneAndAreNotMeasured() {
        assertEquals(List.of("naive", "ours", "perf-tool"), Rounds.order(CLIENTS, 0));
        assertEquals(List.of("perf-tool", "naive", "ours"), Rounds.order(CLIENTS, -1));
        assertFalse(Rounds.measured(0));
        assertTrue(Rounds.measured(1));
        assertEquals("warm-up", Rounds.label(0));
        assertEquals("round 2", Rounds.label(2));
    }
}
