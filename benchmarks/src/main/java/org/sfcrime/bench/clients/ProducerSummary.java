package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary our producer prints on stderr, as far as the benchmark needs it:
 * <pre>
 *   sent              200,000
 *   acknowledged      200,000
 *   elapsed             4.321 s  (1.234 s reading before the first send)
 *   throughput         46,285 records/s, 21.80 MB/s
 * </pre>
 * Its elapsed runs from the start of reading the file until the producer was closed: JVM start-up
 * excluded, reading and parsing the whole file included (event-time order reads it all first).
 *
 * @param elapsedSeconds  the summary's elapsed
 * @param readingSeconds  the part of it spent reading before the first send
 */
record ProducerSummary(long sent, long acknowledged, double elapsedSeconds, double readingSeconds, double recordsPerSecond) {

    private static final Pattern SENT = Pattern.compile("(?m)^\\s+sent\\s+([\\d,]+)");
    private static final Pattern ACKNOWLEDGED = Pattern.compile("(?m)^\\s+acknowledged\\s+([\\d,]+)");
    private static final Pattern ELAPSED = Pattern.compile(
            "(?m)^\\s+elapsed\\s+([\\d,.]+) s\\s+\\(([\\d,.]+) s reading");
    private static final Pattern THROUGHPUT = Pattern.compile("(?m)^\\s+throughput\\s+([\\d,.]+) records/s");

    /** @throws BenchFailure when stderr holds no complete summary */
    static ProducerSummary parse(String stderr) {
        Matcher elapsed = find(ELAPSED, stderr);
        return new ProducerSummary(
                (long) number(find(SENT, stderr).group(1)),
                (long) number(find(ACKNOWLEDGED, stderr).group(1)),
                number(elapsed.group(1)),
                number(elapsed.group(2)),
                number(find(THROUGHPUT, stderr).group(1)));
    }

    /** Seconds from the first send until the producer was closed: the part comparable to the perf tool's timing. */
    double sendingSeconds() {
        return elapsedSeconds - readingSeconds;
    }

    private static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new BenchFailure("the producer printed no summary line matching /" + pattern.pattern().substring(4) + "/");
        }
        return matcher;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }
}
