package org.sfcrime.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV, the one format of every result file here: written whole through a temporary file
 * (so a study stopped half-way leaves valid files) and read back for the charts. A Double is
 * written with 3 decimals, NaN as an empty field; callers format other precisions themselves.
 */
public final class Csv {

    // strict: quotes only the fields that need it, as RFC 4180 does
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private Csv() {
    }

    public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (SequenceWriter writer = MAPPER.writer(CsvSchema.builder().addColumns(header, CsvSchema.ColumnType.STRING).build()
                    .withHeader()).writeValues(temp.toFile())) {
                writer.writeAll(rows.stream().map(row -> row.stream().map(Csv::field).toList()).toList());
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Map<String, String>> read(Path file) {
        try (MappingIterator<Map<String, String>> rows = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String field(Object value) {
        return value instanceof Double number ? (number.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", number))
                : value == null ? "" : value.toString();
    }
}
