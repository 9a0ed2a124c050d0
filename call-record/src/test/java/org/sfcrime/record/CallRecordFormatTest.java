package org.sfcrime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CallRecordFormatTest {

    /** What java.time's STRICT parser alone says: the reference for the fixed-width fast path. */
    private static LocalDateTime javaTime(String text) {
        try {
            return LocalDateTime.parse(text, CallRecordFormat.TIMESTAMP);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

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
    void agreesWithJavaTimeOnEdgeCasesAndOtherShapes() {
        List<String> texts = List.of("0000-01-01T00:00:00.000", "9999-12-31T23:59:59.999", "2018-1a-01T00:00:00.000",
                "２０１８-12-31T23:57:00.000", "2018-12-31 23:57:00.000", "2018-12-31T23:57:00", "2018-12-31T23:57:00.0000",
                "+2018-12-31T23:57:00.000", "2018-12-31t23:57:00.000", "", "2018/12/31T23:57:00.000", "-018-12-31T23:57:00.000");
        for (String text : texts) {
            assertEquals(javaTime(text), CallRecordFormat.parseTimestamp(text), text);
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomFixedWidthText() {
        SplittableRandom random = new SplittableRandom(20181231);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", random.nextInt(10_000), random.nextInt(15),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62), random.nextInt(1000));
            assertEquals(javaTime(text), CallRecordFormat.parseTimestamp(text), text);
        }
    }
}
