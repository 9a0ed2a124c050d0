package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchMetricsTest {

    @Test
    void aFirstBatchShowsNoInputRateInItsLineAndNullInTheMetricsFile() throws Exception {
        // On a query's first trigger Spark reports 0.0 rows/s although rows arrived.
        BatchMetrics first = metrics(0, 1200, BatchMetrics.inputRate(1200, 0.0));

        assertEquals("[counts-console] batch 0: 1200 rows, - rows/s in, 2400.0 rows/s processed, 500 ms, watermark -,"
                + " state 0 rows, 0 late dropped, 0 rejected", first.line());
        assertEquals("null", new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(first))
                .get("inputRowsPerSecond").toString());
    }

    @Test
    void laterBatchesShowSparksInputRate() throws Exception {
        BatchMetrics second = metrics(1, 1200, BatchMetrics.inputRate(1200, 1714.2857));

        assertEquals("[counts-console] batch 1: 1200 rows, 1714.3 rows/s in, 2400.0 rows/s processed, 500 ms, watermark -,"
                + " state 0 rows, 0 late dropped, 0 rejected", second.line());
        assertEquals("1714.2857", new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(second))
                .get("inputRowsPerSecond").toString());
    }

    @Test
    void aBatchWithoutRowsHasARateOfZeroAndARateSparkCouldNotComputeHasNone() {
        assertEquals(0.0, BatchMetrics.inputRate(0, 0.0));
        assertEquals(Double.NaN, BatchMetrics.inputRate(5, Double.NaN));
        assertEquals(Double.NaN, BatchMetrics.inputRate(5, Double.POSITIVE_INFINITY));
    }

    private static BatchMetrics metrics(long batchId, long rows, double inputRowsPerSecond) {
        Map<String, Long> durationMs = new LinkedHashMap<>();
        durationMs.put("triggerExecution", 500L);
        return new BatchMetrics("counts-console", batchId, "2026-01-01T00:00:00.000Z", rows, inputRowsPerSecond, 2400.0,
                durationMs, "-", 0, 0, 0, Map.of(), Map.of());
    }
}
