package org.sfcrime.job;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses the interval syntax Spark users write ("60 minutes", "1 hour", "30 s") into a Duration. */
public final class SparkInterval implements ITypeConverter<Duration> {

    private static final Pattern INTERVAL = Pattern.compile(
            "(\\d+)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = INTERVAL.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not an interval such as '60 minutes', '1 hour' or '30 seconds'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit.startsWith("ms") || unit.startsWith("milli")) {
            return Duration.ofMillis(amount);
        }
        return switch (unit.charAt(0)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The interval as Spark's window() and withWatermark() accept it, in its largest whole unit. */
    public static String toSpark(Duration duration) {
        long millis = duration.toMillis();
        long[] unitMillis = {86_400_000, 3_600_000, 60_000, 1000};
        String[] units = {"day", "hour", "minute", "second"};
        for (int i = 0; i < units.length; i++) {
            if (millis != 0 && millis % unitMillis[i] == 0) {
                return plural(millis / unitMillis[i], units[i]);
            }
        }
        return millis == 0 ? "0 seconds" : plural(millis, "millisecond");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
