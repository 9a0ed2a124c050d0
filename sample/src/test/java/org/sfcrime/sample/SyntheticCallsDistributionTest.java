package org.sfcrime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sfcrime.record.CallRecordFormat;

/** A full-size (200k) sample, streamed once, compared with the measured facts of the real extract. */
class SyntheticCallsDistributionTest {

    private static final int RECORDS = 200_000;

    /** Dispositions of the extract that the radio-code lookup does not list. */
    private static final Set<String> NOT_IN_RADIO_CODES = Set.of(
            "Not recorded", "OTS", "GEN", "INC", "DUP", "TOW", "CHP", "ENC", "TH2", "FIR", "HOT");
    private static final Set<String> ALL_DISPOSITIONS = Set.of(
            "HAN", "GOA", "ADV", "Not recorded", "CIT", "REP", "UTL", "ND", "CAN", "NOM", "PAS", "NCR",
            "22", "ARR", "ABA", "ADM", "OTS", "GEN", "INC", "SFD", "DUP", "CRM", "TOW", "CHP", "ENC",
            "TH2", "FIR", "HOT");

    private static final Map<String, Integer> crimeTypes = new HashMap<>();
    private static final Map<String, Integer> dispositions = new HashMap<>();
    private static final Map<String, Integer> crimeIds = new HashMap<>();
    private static final Map<String, Integer> cities = new HashMap<>();
    private static final Map<String, Integer> addressTypes = new HashMap<>();
    private static final Map<LocalDate, Integer> callsPerDay = new TreeMap<>();
    private static final int[] callsPerHour = new int[24];
    private static String oldestCrimeId;

    @BeforeAll
    static void generate() {
        for (Map<String, String> record : new SyntheticCalls(RECORDS, SyntheticCalls.DEFAULT_SEED)) {
            crimeTypes.merge(record.get(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME), 1, Integer::sum);
            dispositions.merge(record.get(CallRecordFormat.DISPOSITION), 1, Integer::sum);
            crimeIds.merge(record.get(CallRecordFormat.CRIME_ID), 1, Integer::sum);
            cities.merge(record.get(CallRecordFormat.CITY), 1, Integer::sum);
            addressTypes.merge(record.get(CallRecordFormat.ADDRESS_TYPE), 1, Integer::sum);
            LocalDateTime time = LocalDateTime.parse(record.get(CallRecordFormat.CALL_DATE_TIME), CallRecordFormat.TIMESTAMP);
            callsPerDay.merge(time.toLocalDate(), 1, Integer::sum);
            callsPerHour[time.getHour()]++;
            oldestCrimeId = record.get(CallRecordFormat.CRIME_ID);
        }
    }

    @Test
    void aboutOneTenthOfCallsHaveADispositionMissingFromTheRadioCodes() {
        long unknown = dispositions.entrySet().stream()
                .filter(e -> NOT_IN_RADIO_CODES.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double percent = 100.0 * unknown / RECORDS;
        assertTrue(Math.abs(percent - 9.9) <= 0.5, "unknown dispositions: " + percent + "%");
    }

    @Test
    void dispositionsAreTheExtractsValues() {
        assertTrue(ALL_DISPOSITIONS.containsAll(dispositions.keySet()), dispositions.keySet().toString());
        // The three values seen once in the real extract may be missing; all others are there.
        assertTrue(dispositions.size() >= 25, dispositions.keySet().toString());
        assertShare(dispositions, "HAN", 28.8, 0.5);
    }

    @Test
    void crimeTypesHaveTheExtractsHeadAndALongTail() {
        assertTrue(crimeTypes.size() >= 2500 && crimeTypes.size() <= 5000, "distinct types: " + crimeTypes.size());
        long seenOnce = crimeTypes.values().stream().filter(count -> count == 1).count();
        assertTrue(seenOnce >= 1500, "types seen once: " + seenOnce);
        assertShare(crimeTypes, "Passing Call", 17.6, 0.5);
        long topForty = CrimeTypes.topNames().stream().mapToLong(name -> crimeTypes.getOrDefault(name, 0)).sum();
        assertTrue(Math.abs(100.0 * topForty / RECORDS - 79.9) <= 0.5, "top 40 types: " + topForty);
        int largestTailType = crimeTypes.entrySet().stream()
                .filter(e -> !CrimeTypes.topNames().contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).max().orElseThrow();
        assertTrue(largestTailType < 800, "a tail type occurs " + largestTailType + " times");
    }

    @Test
    void timeSpanAndDailyTotalsAreLikeTheExtract() {
        assertTrue(callsPerDay.size() >= 90 && callsPerDay.size() <= 92, callsPerDay.size() + " days");
        LocalDate oldestDay = callsPerDay.keySet().iterator().next();
        // The oldest day is only partly covered; every other day is complete.
        callsPerDay.forEach((day, calls) -> {
            if (!day.equals(oldestDay)) {
                assertTrue(calls >= 1300 && calls <= 2850, calls + " calls on " + day);
            }
        });
    }

    @Test
    void callsPeakInTheAfternoonAndBottomOutAtFour() {
        int peak = Math.max(callsPerHour[16], callsPerHour[17]);
        for (int hour = 0; hour < 24; hour++) {
            assertTrue(callsPerHour[hour] <= peak * 1.03, "hour " + hour + " exceeds the afternoon peak");
            assertTrue(callsPerHour[hour] >= callsPerHour[4] * 0.97, "hour " + hour + " is below 04h");
        }
        double ratio = (double) peak / callsPerHour[4];
        assertTrue(ratio >= 4 && ratio <= 6.5, "peak/trough ratio " + ratio);
    }

    @Test
    void crimeIdsStartNearTheExtractsFirstIdAndRepeatAsOften() {
        long oldest = Long.parseLong(oldestCrimeId);
        // 18 = 2018, 274/275 = Oct 1/2: the real oldest id is 182751007.
        assertTrue(oldest >= 182_740_000L && oldest < 182_760_000L, oldestCrimeId);
        assertEquals(4, crimeIds.values().stream().filter(count -> count == 2).count());
        assertTrue(crimeIds.values().stream().allMatch(count -> count <= 2));
    }

    @Test
    void locationsFollowTheExtractsWeights() {
        assertShare(cities, "San Francisco", 96.4, 0.3);
        assertShare(cities, "", 2.1, 0.2);
        assertShare(addressTypes, "Premise Address", 51.4, 0.5);
        assertShare(addressTypes, "Common Location", 12.2, 0.4);
        assertEquals(List.of("Common Location", "Geo-Override", "Intersection", "Premise Address"),
                addressTypes.keySet().stream().sorted().toList());
    }

    private static void assertShare(Map<String, Integer> counts, String value, double expectedPercent, double tolerance) {
        double percent = 100.0 * counts.getOrDefault(value, 0) / RECORDS;
        assertTrue(Math.abs(percent - expectedPercent) <= tolerance, "'" + value + "' is " + percent + "%");
    }
}
