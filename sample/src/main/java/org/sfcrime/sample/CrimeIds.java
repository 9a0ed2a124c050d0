package org.sfcrime.sample;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The crime_ids of one day, in call order. Real ids read as two-digit year, day of year and an
 * incident number that counts up through the day: 182751007 is 2018, day 275 (Oct 2), number
 * 1007; 183653763 is 2018, day 365, number 3763. Numbers skip (about 3,700 numbers for 2,200
 * calls a day), so ids increase with call time but are not dense.
 */
final class CrimeIds {

    private static final int MAX_INCIDENT_NUMBER = 9999;

    private final LocalDate date;
    private final long dayBase;
    private final SplittableRandom random;
    private int incidentNumber;

    CrimeIds(LocalDate date, SplittableRandom random) {
        this.date = date;
        this.dayBase = (date.getYear() % 100) * 10_000_000L + date.getDayOfYear() * 10_000L;
        this.random = random;
    }

    String next() {
        incidentNumber += gap();
        if (incidentNumber > MAX_INCIDENT_NUMBER) {
            // Cannot happen with at most ~2,800 calls a day and gaps of at most 3.
            throw new IllegalStateException("more than " + MAX_INCIDENT_NUMBER + " incident numbers on " + date);
        }
        return nineDigits(dayBase + incidentNumber);
    }

    /** 1, 2 or 3 with probabilities 45%, 40%, 15%: on average 1.7 numbers per call. */
    private int gap() {
        int roll = random.nextInt(20);
        return roll < 9 ? 1 : roll < 17 ? 2 : 3;
    }

    /** Years 2000-2009 give a leading zero; the id stays 9 digits like every other. */
    private static String nineDigits(long id) {
        String digits = Long.toString(id);
        return "0".repeat(9 - digits.length()) + digits;
    }
}
