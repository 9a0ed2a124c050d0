package org.sfcrime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sfcrime.record.CallRecordFormat;

class SyntheticCallsTest {

    private static final LocalDateTime LAST_CALL_OF_EXTRACT = LocalDateTime.of(2018, 12, 31, 23, 57);

    private static List<Map<String, String>> sample;

    @BeforeAll
    static void generate() {
        sample = SyntheticCalls.generate(5000, SyntheticCalls.DEFAULT_SEED);
    }

    @Test
    void yieldsExactlyTheRequestedNumberOfRecords() {
        assertEquals(5000, sample.size());
        assertEquals(1, SyntheticCalls.generate(1, 42).size());
        assertEquals(2207, SyntheticCalls.generate(2207, 42).size());
    }

    @Test
    void sameSeedGivesTheSameRecords() {
        assertEquals(sample, SyntheticCalls.generate(5000, SyntheticCalls.DEFAULT_SEED));
    }

    @Test
    void differentSeedGivesDifferentRecords() {
        List<Map<String, String>> other = SyntheticCalls.generate(5000, SyntheticCalls.DEFAULT_SEED + 1);
        long identical = 0;
        for (int i = 0; i < sample.size(); i++) {
            if (sample.get(i).equals(other.get(i))) {
                identical++;
            }
        }
        assertTrue(identical < 50, identical + " of 5000 records identical across seeds");
    }

    @Test
    void everyRecordHasTheFourteenFieldsInExtractOrder() {
        for (Map<String, String> record : sample) {
            assertEquals(CallRecordFormat.FIELDS, new ArrayList<>(record.keySet()));
            record.values().forEach(value -> assertNotNull(value, record.toString()));
        }
    }

    @Test
    void recordsAreNewestFirstAndEndAtTheExtractsLastCall() {
        LocalDateTime newest = time(sample.get(0));
        assertEquals(LAST_CALL_OF_EXTRACT, newest);
        for (int i = 1; i < sample.size(); i++) {
            LocalDateTime previous = time(sample.get(i - 1));
            LocalDateTime current = time(sample.get(i));
            assertFalse(current.isAfter(previous), "record " + i + " is newer than the one before it");
        }
    }

    @Test
    void fiveThousandRecordsSpanTwoToThreeDays() {
        LocalDate oldest = time(sample.get(sample.size() - 1)).toLocalDate();
        assertTrue(!oldest.isBefore(LocalDate.of(2018, 12, 29)) && oldest.isBefore(LocalDate.of(2018, 12, 31)),
                "oldest call on " + oldest);
    }

    @Test
    void dateFieldsAreTheCallsDayAtMidnightAndCallTimeMatches() {
        for (Map<String, String> record : sample) {
            LocalDateTime callDateTime = LocalDateTime.parse(record.get(CallRecordFormat.CALL_DATE_TIME), CallRecordFormat.TIMESTAMP);
            assertEquals(0, callDateTime.getSecond());
            String midnight = CallRecordFormat.formatTimestamp(callDateTime.toLocalDate().atStartOfDay());
            assertEquals(midnight, record.get(CallRecordFormat.CALL_DATE));
            assertEquals(midnight, record.get(CallRecordFormat.REPORT_DATE));
            assertEquals(midnight, record.get(CallRecordFormat.OFFENSE_DATE));
            assertEquals(String.format("%02d:%02d", callDateTime.getHour(), callDateTime.getMinute()),
                    record.get(CallRecordFormat.CALL_TIME));
        }
    }

    @Test
    void crimeIdsAreNineDigitsAndDecreaseDownTheFile() {
        for (int i = 0; i < sample.size(); i++) {
            String id = sample.get(i).get(CallRecordFormat.CRIME_ID);
            assertTrue(id.matches("\\d{9}"), id);
            if (i > 0) {
                String newer = sample.get(i - 1).get(CallRecordFormat.CRIME_ID);
                assertTrue(id.compareTo(newer) <= 0, "crime_id " + id + " after newer " + newer);
            }
        }
        // Year 18, day of year 365, then the day's incident number.
        assertTrue(sample.get(0).get(CallRecordFormat.CRIME_ID).startsWith("18365"));
    }

    @Test
    void aFewCrimeIdsOccurTwiceAsDistinctCalls() {
        Map<String, List<Map<String, String>>> byId = new HashMap<>();
        for (Map<String, String> record : sample) {
            byId.computeIfAbsent(record.get(CallRecordFormat.CRIME_ID), id -> new ArrayList<>()).add(record);
        }
        List<List<Map<String, String>>> repeated = byId.values().stream().filter(calls -> calls.size() > 1).toList();
        assertTrue(repeated.size() >= 2, "repeated crime_ids: " + repeated.size());
        assertTrue(repeated.size() <= 5, "repeated crime_ids: " + repeated.size());
        for (List<Map<String, String>> calls : repeated) {
            assertEquals(2, calls.size());
            assertNotEquals(calls.get(0), calls.get(1));
        }
    }

    @Test
    void constantAndConditionalFieldsFollowTheExtract() {
        for (Map<String, String> record : sample) {
            assertEquals("CA", record.get(CallRecordFormat.STATE));
            assertEquals("1", record.get(CallRecordFormat.AGENCY_ID));
            boolean commonLocation = "Common Location".equals(record.get(CallRecordFormat.ADDRESS_TYPE));
            assertEquals(commonLocation, !record.get(CallRecordFormat.COMMON_LOCATION).isEmpty(), record.toString());
        }
    }

    @Test
    void valuesAreAsciiAndWithinTheExtractsLengths() {
        for (Map<String, String> record : sample) {
            record.values().forEach(value -> assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f), value));
            assertLength(record, CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, 1, 20);
            assertLength(record, CallRecordFormat.ADDRESS, 1, 46);
            assertLength(record, CallRecordFormat.COMMON_LOCATION, 0, 40);
            assertLength(record, CallRecordFormat.DISPOSITION, 1, 12);
        }
    }

    @Test
    void aBiggerSampleExtendsASmallerOneBackInTime() {
        List<Map<String, String>> small = SyntheticCalls.generate(1000, SyntheticCalls.DEFAULT_SEED);
        int differing = 0;
        for (int i = 0; i < small.size(); i++) {
            if (!small.get(i).equals(sample.get(i))) {
                differing++;
                // Only where one of the samples placed a repeated crime_id.
                assertEquals(withoutId(small.get(i)), withoutId(sample.get(i)));
            }
        }
        assertTrue(differing <= 4, differing + " records differ");
    }

    @Test
    void tinySamplesAreWholeAndNeverShareAnIdThreeWays() {
        for (int records = 1; records <= 12; records++) {
            List<Map<String, String>> tiny = SyntheticCalls.generate(records, 99);
            assertEquals(records, tiny.size());
            assertEquals(LAST_CALL_OF_EXTRACT, time(tiny.get(0)));
            Map<String, Integer> perId = new HashMap<>();
            tiny.forEach(record -> perId.merge(record.get(CallRecordFormat.CRIME_ID), 1, Integer::sum));
            assertTrue(perId.values().stream().allMatch(count -> count <= 2), perId.toString());
        }
        // Five records leave room for the two repeated ids every sample should have.
        List<Map<String, String>> five = SyntheticCalls.generate(5, 99);
        assertEquals(3, five.stream().map(record -> record.get(CallRecordFormat.CRIME_ID)).distinct().count());
    }

    @Test
    void rejectsRecordCountsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticCalls(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticCalls(SyntheticCalls.MAX_RECORDS + 1, 1));
    }

    private static LocalDateTime time(Map<String, String> record) {
        return LocalDateTime.parse(record.get(CallRecordFormat.CALL_DATE_TIME), CallRecordFormat.TIMESTAMP);
    }

    private static void assertLength(Map<String, String> record, String field, int min, int max) {
        int length = record.get(field).length();
        assertTrue(length >= min && length <= max, field + " '" + record.get(field) + "' has length " + length);
    }

    private static Map<String, String> withoutId(Map<String, String> record) {
        Map<String, String> copy = new HashMap<>(record);
        copy.remove(CallRecordFormat.CRIME_ID);
        return copy;
    }
}
