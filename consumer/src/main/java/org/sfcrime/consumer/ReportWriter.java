package org.sfcrime.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link DeliveryReport} as aligned text for people or as one JSON document for scripts;
 * both carry the same numbers and examples.
 */
final class ReportWriter {

    /** Counts in the order of the text and the JSON: the delivery first, then the file. */
    private static final List<Discrepancy> COUNT_ORDER = List.of(
            Discrepancy.MISSING, Discrepancy.DUPLICATED, Discrepancy.UNEXPECTED, Discrepancy.UNPARSEABLE,
            Discrepancy.WRONG_KEY, Discrepancy.OUT_OF_ORDER, Discrepancy.SKIPPED_IN_FILE);

    private ReportWriter() {
    }

    static void write(DeliveryReport report, ReportFormat format, PrintWriter out) {
        switch (format) {
            case TEXT -> writeText(report, out);
            case JSON -> out.println(json(report));
        }
        out.flush();
    }

    static void writeText(DeliveryReport report, PrintWriter out) {
        DeliveryReport.Totals totals = report.totals();
        out.printf("Delivery of %s to topic %s: %s%n", report.file(), report.topic(),
                report.exact() ? "EXACT" : "NOT EXACT");
        line(out, "expected", Long.toString(totals.expected()), "valid records in the file");
        line(out, "consumed", Long.toString(totals.consumed()), String.format(Locale.ROOT,
                "messages read from %d partitions in %.1f s", report.partitions().size(), totals.elapsedMs() / 1000.0));
        line(out, "delivered", Long.toString(totals.delivered()), "records of the file found in the topic");
        for (Discrepancy discrepancy : COUNT_ORDER) {
            if (discrepancy == Discrepancy.OUT_OF_ORDER && !report.orderChecked()) {
                line(out, discrepancy.label(), "-", "not checked (use --check-order)");
            } else {
                line(out, discrepancy.label(), Long.toString(report.count(discrepancy)), discrepancy.meaning());
            }
        }
        out.println();
        out.printf("  %9s  %12s  %12s  %12s%n", "partition", "start offset", "end offset", "messages");
        for (PartitionCount partition : report.partitions()) {
            out.printf("  %9d  %12d  %12d  %12d%n", partition.partition(), partition.startOffset(),
                    partition.endOffset(), partition.messages());
        }
        for (Discrepancy discrepancy : COUNT_ORDER) {
            Findings findings = report.discrepancies().get(discrepancy);
            if (findings == null || findings.count() == 0) {
                continue;
            }
            out.println();
            out.printf("%s: %d%s%n", capitalized(discrepancy.label()), findings.count(),
                    findings.count() > findings.examples().size() ? " (first " + findings.examples().size() + " shown)" : "");
            for (Example example : findings.examples()) {
                StringBuilder text = new StringBuilder("  ").append(example.location());
                if (example.crimeId() != null) {
                    text.append(": crime_id ").append(example.crimeId());
                }
                if (example.detail() != null) {
                    text.append(example.crimeId() != null ? ", " : ": ").append(example.detail());
                }
                out.println(text);
            }
        }
    }

    static String json(DeliveryReport report) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("topic", report.topic());
        root.put("file", report.file());
        root.put("exact", report.exact());
        root.put("order_checked", report.orderChecked());
        root.put("elapsed_ms", report.totals().elapsedMs());
        ObjectNode counts = root.putObject("counts");
        counts.put("expected", report.totals().expected());
        counts.put("consumed", report.totals().consumed());
        counts.put("delivered", report.totals().delivered());
        for (Discrepancy discrepancy : COUNT_ORDER) {
            if (discrepancy == Discrepancy.OUT_OF_ORDER && !report.orderChecked()) {
                counts.putNull(discrepancy.key());
            } else {
                counts.put(discrepancy.key(), report.count(discrepancy));
            }
        }
        ArrayNode partitions = root.putArray("partitions");
        for (PartitionCount partition : report.partitions()) {
            partitions.addObject()
                    .put("partition", partition.partition())
                    .put("start_offset", partition.startOffset())
                    .put("end_offset", partition.endOffset())
                    .put("messages", partition.messages());
        }
        ObjectNode examples = root.putObject("examples");
        for (Discrepancy discrepancy : COUNT_ORDER) {
            ArrayNode list = examples.putArray(discrepancy.key());
            Findings findings = report.discrepancies().get(discrepancy);
            if (findings == null) {
                continue;
            }
            for (Example example : findings.examples()) {
                ObjectNode node = list.addObject();
                if (example.partition() != null) {
                    node.put("partition", example.partition());
                    node.put("offset", example.offset());
                }
                if (example.fileIndex() != null) {
                    node.put("file_index", example.fileIndex());
                }
                if (example.crimeId() != null) {
                    node.put("crime_id", example.crimeId());
                }
                if (example.detail() != null) {
                    node.put("detail", example.detail());
                }
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void line(PrintWriter out, String label, String value, String meaning) {
        out.printf("  %-16s %10s  %s%n", label, value, meaning);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
