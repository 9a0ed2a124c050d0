package org.sfcrime.bench.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live latency arithmetic: which window count makes a call visible, and the percentiles. */
class LatencyMeterTest {

    private static final String KEY = "2018-12-31T10:00:00.000|Drugs|HAN";

    @Test
    void outputKeyIsTheJobsKeyForTheCallsHourWindow() {
        assertEquals(KEY, LatencyMeter.outputKey(
                "{\"crime_id\":\"1\",\"original_crime_type_name\":\"Drugs\",\"call_date_time\":\"2018-12-31T10:59:00.000\",\"disposition\":\"HAN\"}",
                60));
        assertEquals("2018-12-31T10:30:00.000|Drugs|HAN", LatencyMeter.outputKey(
                "{\"crime_id\":\"1\",\"original_crime_type_name\":\"Drugs\",\"call_date_time\":\"2018-12-31T10:59:00.000\",\"disposition\":\"HAN\"}",
                30));
    }

    @Test
    void callsTheJobRejectsHaveNoOutputKey() {
        assertNull(LatencyMeter.outputKey("not json", 60));
        assertNull(LatencyMeter.outputKey("{\"call_date_time\":\"2018-12-31T10:59:00.000\"}", 60));
        assertNull(LatencyMeter.outputKey("{\"crime_id\":\"1\",\"call_date_time\":\"31/12/2018\"}", 60));
    }

    @Test
    void aCallIsVisibleWhenItsKeysCountFirstReachesItsOrdinal() {
        List<LatencyMeter.InputCall> inputs = List.of(
                new LatencyMeter.InputCall(1_000, 0, 0, KEY),
                new LatencyMeter.InputCall(2_000, 1, 0, KEY),
                new LatencyMeter.InputCall(2_500, 2, 0, "2018-12-31T11:00:00.000|Drugs|HAN"));
        List<LatencyMeter.OutputCount> outputs = List.of(
                new LatencyMeter.OutputCount(KEY, 1, 1_500),
                new LatencyMeter.OutputCount(KEY, 2, 2_600));

        LatencyMeter.Result result = LatencyMeter.measure(inputs, outputs, 0, 10_000);

        assertEquals(3, result.measured());
        assertEquals(1, result.notVisible(), "the 11:00 call's count never arrived");
        assertArrayEquals(new long[] {500, 600}, result.latencyMs());
    }

    @Test
    void callsBeforeTheMeasuredSpanStillCountTowardsTheirKeysOrdinal() {
        List<LatencyMeter.InputCall> inputs = List.of(
                new LatencyMeter.InputCall(1_000, 0, 0, KEY),
                new LatencyMeter.InputCall(2_000, 0, 1, KEY));
        List<LatencyMeter.OutputCount> outputs = List.of(
                new LatencyMeter.OutputCount(KEY, 1, 1_200),
                new LatencyMeter.OutputCount(KEY, 2, 3_000));

        LatencyMeter.Result result = LatencyMeter.measure(inputs, outputs, 1_500, 10_000);

        assertEquals(1, result.measured());
        assertArrayEquals(new long[] {1_000}, result.latencyMs(), "the second call waits for count 2, not 1");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000};

        assertEquals(500, LatencyMeter.percentileOf(sorted, 50));
        assertEquals(1_000, LatencyMeter.percentileOf(sorted, 99));
        assertEquals(100, LatencyMeter.percentileOf(sorted, 1));
        assertTrue(Double.isNaN(LatencyMeter.percentileOf(new long[0], 50)));
    }
}
