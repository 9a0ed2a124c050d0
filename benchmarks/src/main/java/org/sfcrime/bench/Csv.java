package org.sfcrime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * RFC 4180 CSV, the one format of every result file here: written whole through a temporary file
 * (so a study stopped half-way leaves valid files) and read back for the charts. A Double is
 * written with 3 decimals, NaN as an empty field; callers format other precisions themselves.
 */
public final class Csv {

    /** A comma outside quotes: no value written here spans lines. */
    private static final Pattern SEPARATOR = Pattern.compile(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    private Csv() {
    }

    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        List<String> lines = Stream.concat(Stream.of(header), rows.stream())
                .map(row -> row.stream().map(Csv::field).collect(Collectors.joining(","))).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, lines);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Map<String, String>> read(Path file) {
        List<List<String>> lines;
        try (Stream<String> text = Files.lines(file)) {
            lines = text.filter(line -> !line.isBlank()).map(line -> Stream.of(SEPARATOR.split(line, -1))
                    .map(field -> field.startsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field)
                    .toList()).toList();
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines.stream().skip(1).map(fields -> {
            Map<String, String> row = new LinkedHashMap<>();
            IntStream.range(0, lines.get(0).size()).forEach(i -> row.put(lines.get(0).get(i), i < fields.size() ? fields.get(i) : ""));
            return row;
        }).toList();
    }

    private static String field(Object value) {
        String text = value instanceof Double number
                ? (number.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", number))
                : value == null ? "" : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
