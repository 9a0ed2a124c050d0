package org.sfcrime.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.sfcrime.record.CallRecordFormat;

/**
 * Writes console-mode messages to an output stream in one of the {@link OutputFormat}s.
 *
 * <p>{@code raw} and {@code pretty} put the optional columns first, tab-separated, as upstream's
 * DefaultMessageFormatter does: {@code CreateTime:1700000000000 Partition:0 Offset:42 key value}.
 * {@code table} makes them leading columns of a fixed-width table whose header is printed once.
 */
final class MessagePrinter {

    /** Between columns of the table. */
    private static final String GAP = "  ";
    private static final String SEPARATOR = "\t";
    /** Marks a value cut to its column width. */
    private static final char CUT = '~';
    private static final String NOT_A_CALL = "<not a JSON object>";
    /** Ends every line; written with print, because println flushes an auto-flushing writer each time. */
    private static final String NEWLINE = System.lineSeparator();

    /**
     * Longest value of each field in the real data (docs: data-facts.md), so that a table of real
     * calls lines up without measuring the stream first; longer values are cut.
     */
    private static final Map<String, Integer> FIELD_WIDTHS = Map.ofEntries(
            Map.entry(CallRecordFormat.CRIME_ID, 9),
            Map.entry(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME, 20),
            Map.entry(CallRecordFormat.REPORT_DATE, 23),
            Map.entry(CallRecordFormat.CALL_DATE, 23),
            Map.entry(CallRecordFormat.OFFENSE_DATE, 23),
            Map.entry(CallRecordFormat.CALL_TIME, 5),
            Map.entry(CallRecordFormat.CALL_DATE_TIME, 23),
            Map.entry(CallRecordFormat.DISPOSITION, 12),
            Map.entry(CallRecordFormat.ADDRESS, 46),
            Map.entry(CallRecordFormat.CITY, 13),
            Map.entry(CallRecordFormat.STATE, 2),
            Map.entry(CallRecordFormat.AGENCY_ID, 1),
            Map.entry(CallRecordFormat.ADDRESS_TYPE, 16),
            Map.entry(CallRecordFormat.COMMON_LOCATION, 40));
    private static final int TIMESTAMP_WIDTH = 13;
    private static final int PARTITION_WIDTH = 4;
    private static final int OFFSET_WIDTH = 8;
    private static final int KEY_WIDTH = 9;

    private final MessageLayout layout;
    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter prettyWriter = mapper.writerWithDefaultPrettyPrinter();
    private final List<Column> columns;
    private boolean headerPrinted;

    /** @param out stdout; flushed by {@link #flush}, once per batch of messages */
    MessagePrinter(MessageLayout layout, PrintWriter out) {
        this.layout = layout;
        this.out = out;
        this.columns = layout.format() == OutputFormat.TABLE ? tableColumns(layout) : List.of();
    }

    void print(ConsumerRecord<byte[], byte[]> record) {
        switch (layout.format()) {
            case RAW -> {
                writePrefix(record);
                line(text(record.value()));
            }
            case PRETTY -> {
                writePrefix(record);
                line(pretty(record.value()));
            }
            case TABLE -> printRow(record);
        }
    }

    /** Flushes the stream; false when the reader of our output is gone (e.g. {@code | head}). */
    boolean flush() {
        out.flush();
        return !out.checkError();
    }

    private void line(String text) {
        out.print(text);
        out.print(NEWLINE);
    }

    private void writePrefix(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder prefix = new StringBuilder();
        if (layout.printTimestamp()) {
            prefix.append(timestampText(record)).append(SEPARATOR);
        }
        if (layout.printPartition()) {
            prefix.append("Partition:").append(record.partition()).append(SEPARATOR);
        }
        if (layout.printOffset()) {
            prefix.append("Offset:").append(record.offset()).append(SEPARATOR);
        }
        if (layout.printKey()) {
            prefix.append(text(record.key())).append(SEPARATOR);
        }
        if (!prefix.isEmpty()) {
            out.print(prefix);
        }
    }

    private static String timestampText(ConsumerRecord<?, ?> record) {
        return record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? "NO_TIMESTAMP"
                : record.timestampType() + ":" + record.timestamp();
    }

    private String pretty(byte[] value) {
        if (value == null) {
            return "null";
        }
        try {
            return prettyWriter.writeValueAsString(mapper.readTree(value));
        } catch (IOException notJson) {
            return text(value);
        }
    }

    private void printRow(ConsumerRecord<byte[], byte[]> record) {
        if (!headerPrinted) {
            List<String> headers = new ArrayList<>();
            for (Column column : columns) {
                headers.add(column.header());
            }
            line(row(headers, false));
            headerPrinted = true;
        }
        JsonNode call = callOrNull(record.value());
        List<String> cells = new ArrayList<>(columns.size());
        for (Column column : columns) {
            if (call == null && column.source() == Source.FIELD) {
                break;
            }
            cells.add(switch (column.source()) {
                case TIMESTAMP -> Long.toString(record.timestamp());
                case PARTITION -> Integer.toString(record.partition());
                case OFFSET -> Long.toString(record.offset());
                case KEY -> text(record.key());
                case FIELD -> fieldText(call, column.header());
            });
        }
        if (call == null) {
            // Not a call: say so where the fields would be, rather than print a blank row.
            String prefix = row(cells, true);
            line(prefix.isEmpty() ? NOT_A_CALL : prefix + GAP + NOT_A_CALL);
        } else {
            line(row(cells, false));
        }
    }

    private JsonNode callOrNull(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String fieldText(JsonNode call, String field) {
        if (call == null) {
            return "";
        }
        JsonNode value = call.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The cells padded to their column widths; the last one only when {@code padLast} (no trailing blanks). */
    private String row(List<String> cells, boolean padLast) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Column column = columns.get(i);
            String cell = fit(cells.get(i), column.width());
            if (i > 0) {
                line.append(GAP);
            }
            boolean last = i == cells.size() - 1 && !padLast;
            if (column.rightAligned()) {
                line.append(" ".repeat(column.width() - cell.length())).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.append(" ".repeat(column.width() - cell.length()));
                }
            }
        }
        return line.toString();
    }

    private static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + CUT;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private enum Source { TIMESTAMP, PARTITION, OFFSET, KEY, FIELD }

    private record Column(String header, Source source, int width, boolean rightAligned) {
        static Column of(String header, Source source, int dataWidth, boolean rightAligned) {
            return new Column(header, source, Math.max(header.length(), dataWidth), rightAligned);
        }
    }

    private static List<Column> tableColumns(MessageLayout layout) {
        List<Column> columns = new ArrayList<>();
        if (layout.printTimestamp()) {
            columns.add(Column.of("timestamp", Source.TIMESTAMP, TIMESTAMP_WIDTH, true));
        }
        if (layout.printPartition()) {
            columns.add(Column.of("partition", Source.PARTITION, PARTITION_WIDTH, true));
        }
        if (layout.printOffset()) {
            columns.add(Column.of("offset", Source.OFFSET, OFFSET_WIDTH, true));
        }
        if (layout.printKey()) {
            columns.add(Column.of("key", Source.KEY, KEY_WIDTH, false));
        }
        for (String field : layout.fields()) {
            columns.add(Column.of(field, Source.FIELD, FIELD_WIDTHS.getOrDefault(field, 20), false));
        }
        return List.copyOf(columns);
    }
}
