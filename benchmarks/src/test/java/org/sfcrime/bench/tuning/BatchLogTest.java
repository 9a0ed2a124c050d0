package org.sfcrime.bench.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLogTest {

    private static BatchLog.Batch batch(long rows, long triggerMs) {
        return new BatchLog.Batch(rows, Map.of("triggerExecution", triggerMs));
    }

    @Test
    void steadyStateLeavesOutTheFirstDataBatchAndTheEmptyOnes() {
        BatchLog log = new BatchLog(List.of(batch(100_000, 7_000), batch(60_000, 2_000), batch(40_000, 2_000), batch(0, 600)));

        assertEquals(11.6, log.processingSeconds(), 1e-9);
        assertEquals(200_000 / 11.6, log.rowsPerSecond(), 1e-6);
        assertEquals(100_000 / 4.0, log.steadyRowsPerSecond(), 1e-6);
    }

    @Test
    void aOneBatchDrainHasNoSteadyState() {
        BatchLog log = new BatchLog(List.of(batch(200_000, 25_000), batch(0, 700)));

        assertTrue(Double.isNaN(log.steadyRowsPerSecond()));
        assertEquals(25.7, log.processingSeconds(), 1e-9);
    }
}
