package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;

/** dashboard.jar as a separate process on a free port, and what its HTTP API answers. */
final class DashboardProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RunningCommand process;
    private final String url;

    private DashboardProcess(RunningCommand process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it with these options and --port 0, and waits for the address it prints. */
    static DashboardProcess start(String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--port", "0"));
        RunningCommand process = Commands.start(Commands.javaJar(ProjectPaths.resolve("dashboard/target/dashboard.jar"),
                args.toArray(String[]::new)), null);
        assertTrue(process.awaitOutput("dashboard at http://127.0.0.1:", START_TIMEOUT), process.stderrSoFar());
        Matcher address = Pattern.compile("dashboard at (http://127\\.0\\.0\\.1:[0-9]+/)").matcher(process.stderrSoFar());
        assertTrue(address.find(), process.stderrSoFar());
        return new DashboardProcess(process, address.group(1));
    }

    String url() {
        return url;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + path + ": " + response.body());
        return response.body();
    }

    JsonNode health() {
        try {
            return JSON.readTree(get("api/health"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** /api/counts in the oracle's form: "window start|crime type|disposition" → "description|count". */
    Map<String, String> counts() throws IOException, InterruptedException {
        Map<String, String> served = new TreeMap<>();
        for (JsonNode row : JSON.readTree(get("api/counts"))) {
            String key = row.get("window_start").asText() + "|" + row.get("crime_type").asText() + "|" + row.get("disposition").asText();
            String previous = served.put(key, row.get("description").asText() + "|" + row.get("count").asLong());
            assertEquals(null, previous, "key served twice: " + key);
            assertTrue(row.hasNonNull("window_end"), row.toString());
        }
        return served;
    }

    /** The counts once they equal {@code expected}, or the last ones served when a minute passes first. */
    Map<String, String> countsOnceEqualTo(Map<String, String> expected) throws IOException, InterruptedException {
        Map<String, String> served = counts();
        for (int attempt = 0; attempt < 60 && !served.equals(expected); attempt++) {
            RunningCommand.sleep(1000);
            served = counts();
        }
        return served;
    }

    /** SIGTERM, then what it printed. */
    CommandResult stop() {
        process.stop(Duration.ofSeconds(10));
        return process.finish(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        process.close();
    }
}
