package org.sfcrime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV, the one format of every result file here: written whole through a temporary file
 * (so a study stopped half-way leaves valid files) and read back for the charts. A Double is
 * written with 3 decimals, NaN as an empty field; callers format other precisions themselves.
 */
public final class Csv {

    private Csv() {
    }

    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        StringBuilder text = new StringBuilder(line(header));
        rows.forEach(row -> text.append(line(row)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rows as maps from column name to text, in file order. */
    public static List<Map<String, String>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = lines.isEmpty() ? List.of() : fields(lines.get(0));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fields(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < fields.size() ? fields.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static String line(List<?> row) {
        return row.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(Object value) {
        String text = value instanceof Double number
                ? (number.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", number))
                : value == null ? "" : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** One line's fields; no value written here spans lines. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append(c);
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
