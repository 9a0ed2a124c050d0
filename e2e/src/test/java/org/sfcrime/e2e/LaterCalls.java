package org.sfcrime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Calls of the hour after the sample's, and the ranking of a window's crime types the page must show. */
final class LaterCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LaterCalls() {
    }

    /** Eight calls at 00:05-00:40 on 2019-01-01, the hour after the sample's last: three crime types, 4 + 3 + 1, new crime ids. */
    static Set<String> write(Path sample, Path file) throws IOException {
        JsonNode template = JSON.readTree(sample.toFile()).get(0);
        String[][] calls = {{"Browser Test A", "HAN"}, {"Browser Test A", "HAN"}, {"Browser Test A", "CIT"}, {"Browser Test A", "GOA"},
                {"Browser Test B", "HAN"}, {"Browser Test B", "ADV"}, {"Browser Test B", "HAN"}, {"Browser Test C", "ZZZ"}};
        ArrayNode array = JSON.createArrayNode();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < calls.length; i++) {
            ObjectNode call = template.deepCopy();
            String id = "9990000" + i;
            String time = String.format("%02d:%02d", 0, 5 + 5 * i);
            call.put("crime_id", id);
            call.put("original_crime_type_name", calls[i][0]);
            call.put("disposition", calls[i][1]);
            call.put("report_date", "2019-01-01T00:00:00.000");
            call.put("call_date", "2019-01-01T00:00:00.000");
            call.put("offense_date", "2019-01-01T00:00:00.000");
            call.put("call_time", time);
            call.put("call_date_time", "2019-01-01T" + time + ":00.000");
            array.add(call);
            ids.add(id);
        }
        JSON.writeValue(file.toFile(), array);
        return ids;
    }

    /** The window's crime types, largest total first, ties by name: the page's order. */
    static List<String> ranking(Map<String, String> counts, String window) {
        Map<String, Long> totals = new TreeMap<>();
        counts.forEach((key, value) -> {
            String[] parts = key.split("\\|", -1);
            if (parts[0].equals(window)) {
                totals.merge(parts[1], Long.parseLong(value.substring(value.lastIndexOf('|') + 1)), Long::sum);
            }
        });
        return totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    static String newestWindow(Map<String, String> counts) {
        return counts.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).max(Comparator.naturalOrder()).orElseThrow();
    }
}
