package org.sfcrime.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sfcrime.bench.BenchFailure;

/** Reads the figures the measured clients print; each parser fails with a BenchFailure naming what was missing. */
final class ToolOutput {

    private static final Pattern PERF_TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final Pattern SENT = Pattern.compile("(?m)^\\s+sent\\s+([\\d,]+)");
    private static final Pattern ACKNOWLEDGED = Pattern.compile("(?m)^\\s+acknowledged\\s+([\\d,]+)");
    private static final Pattern ELAPSED = Pattern.compile("(?m)^\\s+elapsed\\s+([\\d,.]+) s\\s+\\(([\\d,.]+) s reading");
    private static final Pattern FILE_READ = Pattern.compile("(?m)^Read \\d+ valid records from .* in ([\\d.]+) s$");

    /** A client's record count with its own timing and a second one (NaN when none), in seconds. */
    record Timed(long records, double seconds, double altSeconds) {
    }

    private ToolOutput() {
    }

    /**
     * The last of kafka-producer-perf-test's lines {@code 200000 records sent, 61823.2 records/sec (28.43 MB/sec), ...}:
     * it prints one every 5 s for the interval, and the total last. Its timer starts after the payload
     * file was read and the producer created, and stops after close.
     */
    static Timed producerPerfTest(String stdout) {
        Matcher matcher = PERF_TOTAL.matcher(stdout);
        Timed last = null;
        while (matcher.find()) {
            long records = Long.parseLong(matcher.group(1));
            last = new Timed(records, records / Double.parseDouble(matcher.group(2)), Double.NaN);
        }
        if (last == null) {
            throw new BenchFailure("kafka-producer-perf-test printed no 'N records sent, X records/sec' line");
        }
        return last;
    }

    /**
     * Our producer's summary on stderr ({@code sent 200,000}, {@code acknowledged 200,000},
     * {@code elapsed 4.321 s (1.234 s reading before the first send)}). Its elapsed runs from the start
     * of reading the file until the producer closed: seconds; the alternative is the send phase alone.
     *
     * @throws BenchFailure also when not every record was sent and acknowledged
     */
    static Timed ourProducer(String stderr, long expected) {
        long sent = (long) number(find(SENT, stderr).group(1));
        long acknowledged = (long) number(find(ACKNOWLEDGED, stderr).group(1));
        if (sent != expected || acknowledged != expected) {
            throw new BenchFailure("the producer sent " + sent + " and had " + acknowledged + " acknowledged, not " + expected);
        }
        Matcher elapsed = find(ELAPSED, stderr);
        double seconds = number(elapsed.group(1));
        return new Timed(sent, seconds, seconds - number(elapsed.group(2)));
    }

    /**
     * Our verifier's {@code --report json} on stdout: its elapsed_ms is the topic read alone (offset
     * look-ups included); the alternative adds reading the file, from its stderr line
     * {@code Read 200000 valid records from FILE (0 invalid, skipped) in 1.9 s} (NaN without it).
     *
     * @throws BenchFailure also when the check was not exact or read another count
     */
    static Timed ourVerifier(String stdout, String stderr, long expected) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(stdout);
        } catch (IOException e) {
            throw new BenchFailure("the verifier's report is not JSON: " + e.getMessage());
        }
        if (root == null || !root.has("elapsed_ms") || !root.path("counts").has("consumed")) {
            throw new BenchFailure("the verifier printed no JSON report with elapsed_ms and counts.consumed");
        }
        long consumed = root.path("counts").path("consumed").asLong();
        boolean exact = root.path("exact").asBoolean();
        if (!exact || consumed != expected) {
            throw new BenchFailure("the verifier read " + consumed + " messages (exact: " + exact + "), not " + expected);
        }
        double seconds = root.path("elapsed_ms").asLong() / 1000.0;
        Matcher fileRead = FILE_READ.matcher(stderr);
        return new Timed(consumed, seconds, fileRead.find() ? Double.parseDouble(fileRead.group(1)) + seconds : Double.NaN);
    }

    /**
     * kafka-consumer-perf-test's CSV result, a header line {@code start.time, end.time, ...} and a data
     * line. Its nMsg.sec includes joining the group, fetch.nMsg.sec leaves that out: seconds is the fetch
     * time, the alternative the total. Columns are found by name (older versions lack fetch.*: fetch = total).
     */
    static Timed consumerPerfTest(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = Arrays.stream(lines.get(i).split(",")).map(String::strip).toList();
                List<String> values = Arrays.stream(lines.get(i + 1).split(",")).map(String::strip).toList();
                long messages = Long.parseLong(column(header, values, "data.consumed.in.nMsg"));
                double rate = Double.parseDouble(column(header, values, "nMsg.sec"));
                double fetchRate = header.contains("fetch.nMsg.sec") ? Double.parseDouble(column(header, values, "fetch.nMsg.sec")) : rate;
                return new Timed(messages, messages / fetchRate, messages / rate);
            }
        }
        throw new BenchFailure("kafka-consumer-perf-test printed no 'start.time, ...' header and data line");
    }

    private static String column(List<String> header, List<String> values, String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= values.size()) {
            throw new BenchFailure("kafka-consumer-perf-test printed no " + column + " column");
        }
        return values.get(index);
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
