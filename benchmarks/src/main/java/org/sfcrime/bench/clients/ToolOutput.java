package org.sfcrime.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sfcrime.bench.BenchFailure;

/** Reads the figures the measured clients print; each parser fails with a BenchFailure naming what was missing or wrong. */
final class ToolOutput {

    private static final Pattern PERF_TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final Pattern SUMMARY = Pattern.compile("(?s)^\\s+sent\\s+([\\d,]+).*^\\s+acknowledged\\s+([\\d,]+).*"
            + "^\\s+elapsed\\s+([\\d,.]+) s\\s+\\(([\\d,.]+) s reading", Pattern.MULTILINE);
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
        MatchResult total = PERF_TOTAL.matcher(stdout).results().reduce((earlier, later) -> later)
                .orElseThrow(() -> new BenchFailure("kafka-producer-perf-test printed no 'N records sent, X records/sec' line"));
        long records = Long.parseLong(total.group(1));
        return new Timed(records, records / Double.parseDouble(total.group(2)), Double.NaN);
    }

    /**
     * Our producer's summary on stderr ({@code sent 200,000}, {@code acknowledged 200,000},
     * {@code elapsed 4.321 s (1.234 s reading before the first send)}). Its elapsed runs from the start
     * of reading the file until the producer closed: seconds; the alternative is the send phase alone.
     */
    static Timed ourProducer(String stderr) {
        Matcher summary = SUMMARY.matcher(stderr);
        if (!summary.find()) {
            throw new BenchFailure("the producer printed no summary with sent, acknowledged and elapsed lines");
        }
        long sent = (long) number(summary.group(1));
        long acknowledged = (long) number(summary.group(2));
        if (acknowledged != sent) {
            throw new BenchFailure("the producer sent " + sent + " but had " + acknowledged + " acknowledged");
        }
        double seconds = number(summary.group(3));
        return new Timed(sent, seconds, seconds - number(summary.group(4)));
    }

    /**
     * Our verifier's {@code --report json} on stdout: its elapsed_ms is the topic read alone (offset
     * look-ups included); the alternative adds reading the file, from its stderr line
     * {@code Read 200000 valid records from FILE (0 invalid, skipped) in 1.9 s} (NaN without it).
     */
    static Timed ourVerifier(String stdout, String stderr) {
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
        if (!root.path("exact").asBoolean()) {
            throw new BenchFailure("the verifier found the delivery not exact (" + consumed + " messages read)");
        }
        double seconds = root.path("elapsed_ms").asLong() / 1000.0;
        Matcher fileRead = FILE_READ.matcher(stderr);
        return new Timed(consumed, seconds, fileRead.find() ? Double.parseDouble(fileRead.group(1)) + seconds : Double.NaN);
    }

    /**
     * kafka-consumer-perf-test's CSV result, a header line {@code start.time, end.time, ...} and a data
     * line, its columns found by name. Its nMsg.sec includes joining the group, fetch.nMsg.sec leaves that
     * out: seconds is the fetch time, the alternative the total.
     */
    static Timed consumerPerfTest(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        int header = lines.stream().filter(line -> line.startsWith("start.time")).findFirst().map(lines::indexOf).orElse(lines.size());
        if (header + 1 >= lines.size()) {
            throw new BenchFailure("kafka-consumer-perf-test printed no 'start.time, ...' header and data line");
        }
        List<String> columns = List.of(lines.get(header).split("\\s*,\\s*"));
        List<String> values = List.of(lines.get(header + 1).split("\\s*,\\s*"));
        long messages = (long) number(column(columns, values, "data.consumed.in.nMsg"));
        double fetchRate = number(column(columns, values, "fetch.nMsg.sec"));
        return new Timed(messages, messages / fetchRate, messages / number(column(columns, values, "nMsg.sec")));
    }

    private static String column(List<String> columns, List<String> values, String column) {
        int index = columns.indexOf(column);
        if (index < 0 || index >= values.size()) {
            throw new BenchFailure("kafka-consumer-perf-test printed no " + column + " column");
        }
        return values.get(index);
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }
}
