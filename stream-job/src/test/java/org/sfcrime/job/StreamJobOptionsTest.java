package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandLines;

/** The job's options and settings files are validated before Spark starts: usage errors exit 2 with one line. */
class StreamJobOptionsTest {

    @Test
    void misspeltSettingInAConfigFileIsAnErrorNamingTheFileAndKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("job.properties");
        Files.writeString(config, "maxOffsetPerTrigger=5000\n");

        Outcome outcome = run("--config", config.toString());

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.startsWith("error: " + config + ": unknown setting 'maxOffsetPerTrigger'"), outcome.stderr);
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        Outcome outcome = run("--max-offset-per-trigger", "5");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.startsWith("error: Unknown options: '--max-offset-per-trigger', '5'"), outcome.stderr);
        assertTrue(outcome.stderr.contains("Possible solutions: --max-offsets-per-trigger"), outcome.stderr);
    }

    @Test
    void slideLongerThanTheWindowIsRejected() {
        Outcome outcome = run("--window", "30 minutes", "--slide", "1 hour");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--slide (1 hour) must not exceed --window (30 minutes)"), outcome.stderr);
    }

    @Test
    void prometheusWithoutTheUiIsRejected() {
        Outcome outcome = run("--prometheus", "--ui-port", "0");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--prometheus serves the metrics on the Spark UI's port: give --ui-port a port, not 0"),
                outcome.stderr);
    }

    @Test
    void zeroWatermarkIsRejected() {
        Outcome outcome = run("--watermark", "0 seconds");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--watermark must be greater than 0"), outcome.stderr);
    }

    @Test
    void unknownQueryAndEnrichedTriggerListTheValidOnes() {
        Outcome query = run("--queries", "counts,join");
        Outcome trigger = run("--queries", "enriched", "--enriched-trigger", "continuous");

        assertEquals(2, query.exitCode);
        assertTrue(query.stderr.contains("--queries must be one of counts, enriched, not 'join'"), query.stderr);
        assertEquals(2, trigger.exitCode);
        assertTrue(trigger.stderr.contains("--enriched-trigger must be one of real-time, micro-batch, not 'continuous'"), trigger.stderr);
    }

    @Test
    void checkpointIntervalBelowSparksFloorIsRejected() {
        Outcome outcome = run("--queries", "enriched", "--checkpoint-interval", "1 second");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--checkpoint-interval must be at least 5 seconds, not 1 second"), outcome.stderr);
    }

    @Test
    void unknownSinkListsTheValidOnes() {
        Outcome outcome = run("--sinks", "console,hdfs");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--sinks must be one of console, kafka, files, not 'hdfs'"), outcome.stderr);
    }

    @Test
    void unknownOutputFormatListsTheValidOnes() {
        Outcome outcome = run("--output-format", "csv");

        assertEquals(2, outcome.exitCode);
        assertTrue(outcome.stderr.contains("--output-format"), outcome.stderr);
        assertTrue(outcome.stderr.contains("--output-format must be one of json, parquet, not 'csv'"), outcome.stderr);
    }

    @Test
    void helpListsEverySinkAndTheFormats() {
        Outcome outcome = run("--help");

        assertEquals(0, outcome.exitCode);
        assertTrue(outcome.stdout.contains("Where counts go, each its own query: console, kafka, files (default: console)."),
                outcome.stdout);
        assertTrue(outcome.stdout.contains("Format of the files sink: json, parquet (default: json)."), outcome.stdout);
    }

    @Test
    void theKafkaServersComeFromTheKafkaKeysOfTheSettingsWhenNoFlagGivesThem(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("job.properties");
        Files.writeString(config, "kafka.bootstrap.servers=\n");

        Outcome outcome = run("--config", config.toString());

        assertEquals(1, outcome.exitCode);
        assertEquals("error: no bootstrap.servers: pass --bootstrap-server HOST:PORT\n", outcome.stderr);
    }

    @Test
    void aKafkaConfigFileWinsOverTheKafkaKeysOfTheSettingsAndItsStoresAreCheckedBeforeSpark(@TempDir Path dir)
            throws Exception {
        Path config = dir.resolve("job.properties");
        Files.writeString(config, "kafka.ssl.truststore.location=" + dir.resolve("from-settings.p12") + "\n");
        Path client = dir.resolve("client.properties");
        Path store = dir.resolve("missing.p12");
        Files.writeString(client, "security.protocol=SASL_SSL\nssl.truststore.location=" + store + "\n");

        Outcome outcome = run("--config", config.toString(), "--kafka-config", client.toString());

        assertEquals(1, outcome.exitCode);
        assertEquals("error: " + store + ": no such file (ssl.truststore.location in " + client + ")\n", outcome.stderr);
    }

    @Test
    void aMissingKafkaConfigFileIsOneLineNamingTheOption(@TempDir Path dir) {
        Outcome outcome = run("--kafka-config", dir.resolve("nope.properties").toString());

        assertEquals(1, outcome.exitCode);
        assertEquals("error: " + dir.resolve("nope.properties") + ": no such file (--kafka-config)\n", outcome.stderr);
    }

    @Test
    void intervalsAcceptSparkStyleUnitsAndPrintInTheLargestWholeUnit() {
        SparkInterval interval = new SparkInterval();

        assertEquals(Duration.ofHours(1), interval.convert("60 minutes"));
        assertEquals(Duration.ofSeconds(30), interval.convert("30 s"));
        assertEquals("1 hour", SparkInterval.toSpark(Duration.ofMinutes(60)));
        assertEquals("90 minutes", SparkInterval.toSpark(Duration.ofMinutes(90)));
        assertEquals("0 seconds", SparkInterval.toSpark(Duration.ZERO));
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandLines.execute(new StreamJob(), "stream-job", new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }
}
