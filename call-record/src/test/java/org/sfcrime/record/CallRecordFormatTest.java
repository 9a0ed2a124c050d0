package org.sfcrime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecordFormatTest {

    @Test
    void parsesTheDataTimestampsAndRejectsImpossibleDates() {
        assertEquals(LocalDateTime.of(2018, 12, 31, 23, 57, 0, 0), CallRecordFormat.parseTimestamp("2018-12-31T23:57:00.000"));
        assertEquals(LocalDateTime.of(2016, 2, 29, 0, 0, 1, 7_000_000), CallRecordFormat.parseTimestamp("2016-02-29T00:00:01.007"));
        for (String impossible : List.of("2018-02-29T00:00:00.000", "2018-02-30T00:00:00.000", "2018-04-31T00:00:00.000",
                "2018-13-01T00:00:00.000", "2018-00-10T00:00:00.000", "2018-12-00T00:00:00.000", "2018-12-31T24:00:00.000",
                "2018-12-31T23:60:00.000", "2018-12-31T23:59:60.000")) {
            assertNull(CallRecordFormat.parseTimestamp(impossible), impossible);
        }
    }

    @Test
    void acceptsTheWholeYearRangeAndRejectsOtherShapes() {
        assertEquals(LocalDateTime.of(0, 1, 1, 0, 0), CallRecordFormat.parseTimestamp("0000-01-01T00:00:00.000"));
        assertEquals(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000), CallRecordFormat.parseTimestamp("9999-12-31T23:59:59.999"));
        for (String other : List.of("2018-1a-01T00:00:00.000", "２０１８-12-31T23:57:00.000", "2018-12-31 23:57:00.000",
                "2018-12-31T23:57:00", "2018-12-31T23:57:00.0000", "+2018-12-31T23:57:00.000", "2018-12-31t23:57:00.000", "",
                "2018/12/31T23:57:00.000", "-018-12-31T23:57:00.000")) {
            assertNull(CallRecordFormat.parseTimestamp(other), other);
        }
        assertNull(CallRecordFormat.parseTimestamp(null));
    }
}
