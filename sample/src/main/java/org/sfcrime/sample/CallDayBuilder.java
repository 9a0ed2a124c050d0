package org.sfcrime.sample;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sfcrime.record.CallRecordFormat;

/**
 * Builds the calls of one day. The whole day is built oldest first, so that incident numbers
 * count up from midnight and every call draws its fields in the same order whatever the sample
 * size; then the sample's share (the day's newest calls) is handed out newest first.
 */
final class CallDayBuilder {

    private final long seed;
    private final CallSchedule schedule;
    private final RepeatedIds repeats;
    private final CrimeTypes crimeTypes = CrimeTypes.standard();

    CallDayBuilder(long seed, CallSchedule schedule, RepeatedIds repeats) {
        this.seed = seed;
        this.schedule = schedule;
        this.repeats = repeats;
    }

    /** The sample's calls of the day, newest first. */
    List<Map<String, String>> newestFirst(int dayIndex) {
        LocalDate date = CallSchedule.date(dayIndex);
        int[] perMinute = schedule.minuteCounts(dayIndex);
        int callsOfDay = 0;
        for (int count : perMinute) {
            callsOfDay += count;
        }
        int included = schedule.included(dayIndex);
        String midnight = CallRecordFormat.formatTimestamp(date.atStartOfDay());
        CrimeIds ids = new CrimeIds(date, new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.CRIME_IDS, dayIndex)));
        SplittableRandom fields = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.ATTRIBUTES, dayIndex));

        List<Map<String, String>> calls = new ArrayList<>(included);
        int position = 0;
        String olderId = null;
        for (int minute = 0; minute < perMinute.length; minute++) {
            if (perMinute[minute] == 0) {
                continue;
            }
            LocalDateTime time = date.atTime(minute / 60, minute % 60);
            String callTime = CallRecordFormat.CALL_TIME_FORMAT.format(time);
            String callDateTime = CallRecordFormat.formatTimestamp(time);
            for (int i = 0; i < perMinute[minute]; i++) {
                int offsetFromNewest = callsOfDay - 1 - position++;
                String id = ids.next();
                String crimeId = repeats.repeatsOlderNeighbour(dayIndex, offsetFromNewest) ? olderId : id;
                String crimeType = crimeTypes.pick(fields);
                String disposition = Dispositions.pick(fields);
                Place place = Places.pick(fields);
                if (offsetFromNewest < included) {
                    calls.add(record(crimeId, crimeType, midnight, callTime, callDateTime, disposition, place));
                }
                olderId = crimeId;
            }
        }
        Collections.reverse(calls);
        return calls;
    }

    /** One record, keys in the extract's order ({@link CallRecordFormat#FIELDS}). */
    private static Map<String, String> record(String crimeId, String crimeType, String midnight, String callTime,
                                              String callDateTime, String disposition, Place place) {
        Map<String, String> record = new LinkedHashMap<>(20);
        record.put(CallRecordFormat.CRIME_ID, crimeId);
        record.put(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, crimeType);
        record.put(CallRecordFormat.REPORT_DATE, midnight);
        record.put(CallRecordFormat.CALL_DATE, midnight);
        record.put(CallRecordFormat.OFFENSE_DATE, midnight);
        record.put(CallRecordFormat.CALL_TIME, callTime);
        record.put(CallRecordFormat.CALL_DATE_TIME, callDateTime);
        record.put(CallRecordFormat.DISPOSITION, disposition);
        record.put(CallRecordFormat.ADDRESS, place.address());
        record.put(CallRecordFormat.CITY, place.city());
        record.put(CallRecordFormat.STATE, "CA");
        record.put(CallRecordFormat.AGENCY_ID, "1");
        record.put(CallRecordFormat.ADDRESS_TYPE, place.addressType());
        record.put(CallRecordFormat.COMMON_LOCATION, place.commonLocation());
        return Collections.unmodifiableMap(record);
    }
}
