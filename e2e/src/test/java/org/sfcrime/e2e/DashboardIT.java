package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;
import org.sfcrime.testing.SharedBroker;
import org.sfcrime.testing.TopicReader;

/**
 * The dashboard against a real broker and the real job, live, on the bundled sample: one broker, one
 * job and one dashboard shared by every test here. Its counts equal the oracle's for every key, its
 * metrics parse, the job's progress topic and Prometheus endpoint answer, and in a real browser the
 * page follows new calls without a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    /** How long the page may take to show new calls, from the end of their replay: the job's batch plus the push. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = "dashboard.calls";
    private static final String COUNTS = TOPIC + ".counts";
    private static final String ENRICHED = TOPIC + ".enriched";
    private static final String PROGRESS = TOPIC + ".progress";
    /** A Prometheus text-format sample line: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})? (-?[0-9.]+(E[-+]?[0-9]+)?|NaN|[-+]Inf)( [0-9]+)?");

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    private static DashboardProcess dashboard;
    private static RunningCommand job;
    private static int sparkUiPort;

    @BeforeAll
    static void startDashboardThenJob() throws Exception {
        broker.createTopic(TOPIC, 3);
        // Before the job: its topics do not exist yet, which the page must say without the process exiting.
        dashboard = DashboardProcess.start("--bootstrap-server", broker.bootstrapServers(), "--counts-topic", COUNTS,
                "--enriched-topic", ENRICHED, "--progress-topic", PROGRESS);
        awaitTrue(() -> health().path("problems").toString().contains("topic " + COUNTS + " does not exist yet"),
                "the page names the missing counts topic");

        CommandResult replay = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--input", ProjectPaths.sampleCalls().toString()));
        assertEquals(0, replay.exitCode(), replay.describe());
        sparkUiPort = freePort();
        job = Commands.start(List.of("bash", "scripts/spark-submit", "--master", "local[3]", "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--queries", "counts,enriched",
                "--enriched-trigger", "micro-batch", "--sinks", "kafka", "--output-topic", COUNTS, "--enriched-topic", ENRICHED,
                "--progress-topic", PROGRESS, "--prometheus", "--ui-port", Integer.toString(sparkUiPort)), null);
        long calls = WindowedCountsOracle.validCalls(ProjectPaths.sampleCalls());
        awaitTrue(() -> {
            JsonNode counting = health().path("queries").path("counts-kafka");
            return health().path("problems").isEmpty() && health().path("lag").path("counts-kafka").asLong(-1) == 0
                    && sum(counting.path("endOffsets")) == calls;
        }, "the job has counted the sample and the dashboard has seen it");
    }

    @AfterAll
    static void stop() {
        if (job != null) {
            job.stop(Duration.ofSeconds(30));
            job.close();
        }
        if (dashboard != null) {
            CommandResult stopped = dashboard.stop();
            dashboard.close();
            assertEquals(143, stopped.exitCode(), stopped.describe());
        }
    }

    @Test
    @Order(1)
    void countsEqualTheOracleForEveryKey() throws Exception {
        Map<String, String> expected = WindowedCountsOracle.hourlyCounts(ProjectPaths.sampleCalls(), ProjectPaths.radioCodes());
        Map<String, String> served = dashboard.countsOnceEqualTo(expected);
        assertEquals(expected.size(), served.size(), "keys served");
        assertEquals(expected, served);
        assertTrue(dashboard.isAlive(), "the dashboard kept running while its topics were missing");
    }

    @Test
    @Order(2)
    void metricsParseAndCarryTheNamedSeries() throws Exception {
        String dashboardMetrics = dashboard.get("metrics");
        Map<String, Double> series = parsePrometheus(dashboardMetrics);
        for (String name : List.of("sfcrime_dashboard_counts_consumed_total", "sfcrime_dashboard_keys",
                "sfcrime_dashboard_newest_count_age_seconds", "sfcrime_job_lag_messages{query=\"counts-kafka\"}",
                "sfcrime_job_last_batch_duration_seconds{query=\"counts-kafka\"}")) {
            assertTrue(series.containsKey(name), name + " in\n" + dashboardMetrics);
        }
        assertEquals((double) dashboard.counts().size(), series.get("sfcrime_dashboard_keys"), dashboardMetrics);

        // The job's own, from Spark: the streaming queries' series, under the fixed namespace.
        String sparkMetrics = get("http://127.0.0.1:" + sparkUiPort + "/metrics/prometheus/");
        Set<String> names = parsePrometheus(sparkMetrics).keySet();
        for (String name : List.of("metrics_sfcrime_driver_spark_streaming_counts_kafka_inputRate_total_Value{type=\"gauges\"}",
                "metrics_sfcrime_driver_spark_streaming_counts_kafka_latency_Value{type=\"gauges\"}",
                "metrics_sfcrime_driver_spark_streaming_counts_kafka_eventTime_watermark_Value{type=\"gauges\"}",
                "metrics_sfcrime_driver_spark_streaming_counts_kafka_states_rowsTotal_Value{type=\"gauges\"}")) {
            assertTrue(names.contains(name), name + " among " + names.size() + " series");
        }
    }

    @Test
    @Order(3)
    void progressTopicHoldsOneJsonPerBatchOfEachQuery() {
        Map<String, List<Long>> batchIds = new TreeMap<>();
        for (ConsumerRecord<String, String> message : TopicReader.readToEnd(broker.bootstrapServers(), PROGRESS, CLI_TIMEOUT)) {
            JsonNode batch = parse(message.value());
            assertEquals(message.key(), batch.path("query").asText(), message.value());
            batchIds.computeIfAbsent(message.key(), q -> new ArrayList<>()).add(batch.path("batchId").asLong());
        }
        assertEquals(Set.of("counts-kafka", "enriched"), batchIds.keySet());
        batchIds.forEach((query, ids) -> {
            List<Long> expected = new ArrayList<>();
            for (long id = 0; id < ids.size(); id++) {
                expected.add(id);
            }
            assertEquals(expected, ids.stream().sorted().toList(), query + ": one message per batch, none repeated");
        });
    }

    @Test
    @Order(4)
    void pageFollowsNewCallsWithoutReloadAndShowsNoConsoleError(@TempDir Path dir) throws Exception {
        HeadlessChromium.requireInstalled();
        Path sample = ProjectPaths.sampleCalls();
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"));
        try {
            browser.get(dashboard.url());
            String sampleWindow = LaterCalls.newestWindow(WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes()));
            List<String> sampleRanking = LaterCalls.ranking(WindowedCountsOracle.hourlyCounts(sample, ProjectPaths.radioCodes()), sampleWindow);
            new WebDriverWait(browser, PAGE_TIMEOUT).until(d -> rankedTypes(browser).equals(top(sampleRanking)));
            ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true;");

            // Calls of the hour after the sample's: a new newest window with its own ranking, and new rows in the feed.
            Path later = dir.resolve("later.json");
            Set<String> newIds = LaterCalls.write(sample, later);
            CommandResult replay = Commands.run(CLI_TIMEOUT, Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                    "--bootstrap-server", broker.bootstrapServers(), "--topic", TOPIC, "--input", later.toString()));
            assertEquals(0, replay.exitCode(), replay.describe());
            Map<String, String> laterCounts = WindowedCountsOracle.hourlyCounts(later, ProjectPaths.radioCodes());
            List<String> laterRanking = LaterCalls.ranking(laterCounts, LaterCalls.newestWindow(laterCounts));
            new WebDriverWait(browser, PAGE_TIMEOUT).until(d -> rankedTypes(browser).equals(top(laterRanking))
                    && newIds.contains(firstCallId(browser)));

            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true;"),
                    "the page changed without a reload");
            Path screenshot = ProjectPaths.resolve("e2e/target/dashboard-it.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            List<String> errors = new ArrayList<>();
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    errors.add(entry.getLevel() + " " + entry.getMessage());
                }
            }
            assertEquals(List.of(), errors, "browser console");
        } finally {
            browser.quit();
        }
    }

    /** The page shows the first 10. */
    private static List<String> top(List<String> ranking) {
        return ranking.subList(0, Math.min(10, ranking.size()));
    }

    /** Read in one script, so that a re-render between two reads cannot mix two states. */
    @SuppressWarnings("unchecked")
    private static List<String> rankedTypes(ChromeDriver browser) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#ranking tbody tr')]"
                + ".map(row => row.cells[1].textContent + ' ' + row.cells[2].textContent);");
    }

    private static String firstCallId(ChromeDriver browser) {
        return (String) browser.executeScript("const cell = document.querySelector('#calls tbody tr td:nth-child(2)');"
                + " return cell === null ? '' : cell.textContent;");
    }

    private static Map<String, Double> parsePrometheus(String text) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertTrue(SAMPLE.matcher(line).matches(), "not a Prometheus sample line: " + line);
            int space = line.lastIndexOf('}') >= 0 ? line.indexOf(' ', line.lastIndexOf('}')) : line.indexOf(' ');
            String value = line.substring(space + 1).split(" ")[0];
            series.put(line.substring(0, space), value.equals("NaN") ? Double.NaN : value.endsWith("Inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(value));
        }
        return series;
    }

    private static long sum(JsonNode offsets) {
        long sum = 0;
        for (JsonNode topic : offsets) {
            for (JsonNode offset : topic) {
                sum += offset.asLong();
            }
        }
        return sum;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static JsonNode health() {
        return dashboard.health();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Polls until true; fails after five minutes, naming what it waited for and what the dashboard reported. */
    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; health: " + health() + "\n job: "
                        + (job == null ? "-" : job.stderrSoFar()));
            }
            RunningCommand.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
