package org.sfcrime.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatestCountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRepeatedMessageOverwritesAndNeverAdds() {
        LatestCounts counts = new LatestCounts();

        assertTrue(counts.put(row("2018-12-31T10:00:00.000", "Traffic Stop", "HAN", 2)));
        assertFalse(counts.put(row("2018-12-31T10:00:00.000", "Traffic Stop", "HAN", 2)), "the Kafka sink repeated a message");
        assertTrue(counts.put(row("2018-12-31T10:00:00.000", "Traffic Stop", "HAN", 3)));

        assertEquals(1, counts.size());
        assertEquals(3, counts.all().get(0).get("count").asLong());
    }

    @Test
    void rowsAreOrderedByWindowThenCrimeTypeThenDisposition() {
        LatestCounts counts = new LatestCounts();
        counts.put(row("2018-12-31T11:00:00.000", "Drugs", "CIT", 1));
        counts.put(row("2018-12-31T10:00:00.000", "Traffic Stop", "HAN", 1));
        counts.put(row("2018-12-31T10:00:00.000", "Drugs", "GOA", 1));
        counts.put(row("2018-12-31T10:00:00.000", "Drugs", "ADV", 1));

        assertEquals(List.of("2018-12-31T10:00:00.000|Drugs|ADV", "2018-12-31T10:00:00.000|Drugs|GOA",
                "2018-12-31T10:00:00.000|Traffic Stop|HAN", "2018-12-31T11:00:00.000|Drugs|CIT"),
                counts.all().stream().map(r -> r.get("window_start").asText() + "|" + r.get("crime_type").asText() + "|"
                        + r.get("disposition").asText()).toList());
        assertEquals(Optional.of("2018-12-31T11:00:00.000"), counts.newestWindowStart());
    }

    @Test
    void aRowWithoutACountIsRefused() {
        ObjectNode row = row("2018-12-31T10:00:00.000", "Drugs", "CIT", 1);
        row.remove("count");

        assertThrows(IllegalArgumentException.class, () -> new LatestCounts().put(row));
    }

    static ObjectNode row(String windowStart, String crimeType, String disposition, long count) {
        ObjectNode row = JSON.createObjectNode();
        row.put("window_start", windowStart);
        row.put("window_end", windowStart.replace("T10", "T11"));
        row.put("crime_type", crimeType);
        row.put("disposition", disposition);
        row.put("description", "Handled");
        row.put("count", count);
        return row;
    }
}
