package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.util.Arrays;
import java.util.List;

/**
 * The CSV result of Kafka's kafka-consumer-perf-test (ConsumerPerformance), a header line and one
 * data line:
 * <pre>
 * start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * </pre>
 * nMsg.sec counts the time to join its consumer group; fetch.nMsg.sec leaves that out. Columns are
 * found by name, so older versions without the fetch.* columns still parse (fetch = total).
 *
 * @param totalSeconds  from subscribing to the last record, group join included
 * @param fetchSeconds  the same without the group join (rebalance.time.ms)
 */
record ConsumerPerfResult(long messages, double totalSeconds, double fetchSeconds, double megabytesPerSecond) {

    /** @throws BenchFailure when stdout holds no header and data line, or it stopped short */
    static ConsumerPerfResult parse(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = split(lines.get(i));
                List<String> values = split(lines.get(i + 1));
                long messages = Long.parseLong(value(header, values, "data.consumed.in.nMsg"));
                double rate = Double.parseDouble(value(header, values, "nMsg.sec"));
                double fetchRate = header.contains("fetch.nMsg.sec")
                        ? Double.parseDouble(value(header, values, "fetch.nMsg.sec")) : rate;
                return new ConsumerPerfResult(messages, messages / rate, messages / fetchRate,
                        Double.parseDouble(value(header, values, "MB.sec")));
            }
        }
        throw new BenchFailure("kafka-consumer-perf-test printed no 'start.time, ...' header and data line");
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split(",")).map(String::strip).toList();
    }

    private static String value(List<String> header, List<String> values, String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= values.size()) {
            throw new BenchFailure("kafka-consumer-perf-test printed no " + column + " column");
        }
        return values.get(index);
    }
}
