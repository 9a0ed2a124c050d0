package org.sfcrime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the job's files sink (JSON lines) as Spark would: only the files that its commit log,
 * {@code _spark_metadata/}, lists as added, so a file of a failed task attempt never counts. The
 * files are looked up by name in the folder, so a folder copied out of HDFS reads the same.
 */
final class FilesSink {

    private FilesSink() {
    }

    static List<JsonNode> committedRows(Path outputDir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> files = new TreeSet<>();
        try (Stream<Path> logs = Files.list(outputDir.resolve("_spark_metadata"))) {
            for (Path log : logs.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("{")) {
                        JsonNode entry = mapper.readTree(line);
                        if ("add".equals(entry.path("action").asText())) {
                            files.add(entry.get("path").asText());
                        }
                    }
                }
            }
        }
        List<JsonNode> rows = new ArrayList<>();
        for (String file : files) {
            String name = URI.create(file).getPath().substring(URI.create(file).getPath().lastIndexOf('/') + 1);
            for (String line : Files.readAllLines(outputDir.resolve(name))) {
                if (!line.isBlank()) {
                    rows.add(mapper.readTree(line));
                }
            }
        }
        return rows;
    }

    /**
     * The committed rows as the oracle keys them: "window start|crime type|disposition" →
     * "description|count"; a window written twice fails.
     */
    static Map<String, String> committedCounts(Path outputDir) throws IOException {
        Map<String, String> counts = new TreeMap<>();
        for (JsonNode row : committedRows(outputDir)) {
            String key = row.get("window_start").asText() + "|" + row.path("crime_type").asText()
                    + "|" + row.path("disposition").asText();
            if (counts.put(key, row.get("description").asText() + "|" + row.get("count").asLong()) != null) {
                throw new AssertionError("window written twice: " + key);
            }
        }
        return counts;
    }
}
