package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final line of Kafka's kafka-producer-perf-test (ProducerPerformance):
 * {@code 200000 records sent, 61823.2 records/sec (28.43 MB/sec), 310.2 ms avg latency, ...}.
 * It also prints such lines every 5 s for the interval; the last one is the total. Its timer
 * starts after the payload file was read and the producer created, and stops after close.
 *
 * @param megabytesPerSecond its own figure: value bytes only, in MiB (2^20) per second
 */
record ProducerPerfResult(long records, double recordsPerSecond, double megabytesPerSecond) {

    private static final Pattern TOTAL = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

    /** @throws BenchFailure when stdout holds no such line */
    static ProducerPerfResult parse(String stdout) {
        Matcher matcher = TOTAL.matcher(stdout);
        ProducerPerfResult last = null;
        while (matcher.find()) {
            last = new ProducerPerfResult(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)));
        }
        if (last == null) {
            throw new BenchFailure("kafka-producer-perf-test printed no 'N records sent, X records/sec' line");
        }
        return last;
    }

    double seconds() {
        return records / recordsPerSecond;
    }
}
