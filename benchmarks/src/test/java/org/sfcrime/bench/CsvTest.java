package org.sfcrime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @Test
    void quotesOnlyWhatNeedsItAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs.csv");
        Csv.write(file, List.of("point", "error", "rows_per_s", "steady"),
                List.of(List.of("spark-defaults", "exit 1: error: \"x\", then y", 1234.5678, Double.NaN)));

        assertEquals("point,error,rows_per_s,steady\nspark-defaults,\"exit 1: error: \"\"x\"\", then y\",1234.568,\n",
                Files.readString(file));
        assertEquals(List.of(Map.of("point", "spark-defaults", "error", "exit 1: error: \"x\", then y", "rows_per_s", "1234.568",
                "steady", "")), Csv.read(file));
        assertEquals(List.of(file), Files.list(dir).toList());
    }
}
