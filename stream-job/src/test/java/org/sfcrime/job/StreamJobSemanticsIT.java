package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.CountsTopic;
import org.sfcrime.testing.SharedBroker;
import org.sfcrime.testing.TopicReader;

/**
 * The packaged job against a real broker: rejected messages, late calls, unknown radio codes
 * and every sink, with the batch boundary set by running the job twice on one checkpoint.
 */
class StreamJobSemanticsIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRESS_TOPIC = "semantics.progress";

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    void countsOnTimeCallsDropsLateOnesAndReportsRejects(@TempDir Path dir) throws Exception {
        String topic = "semantics.calls";
        String countsTopic = "semantics.counts";
        broker.createTopic(topic, 3);

        // First run: calls up to 12:40 and three messages that are not calls. The watermark ends at 12:10.
        send(topic, List.of(
                call("100", "Traffic Stop", "2018-12-31T10:05:00.000", "HAN"),
                call("101", "Traffic Stop", "2018-12-31T10:50:00.000", "HAN"),
                call("102", "Drugs", "2018-12-31T11:15:00.000", "Not recorded"),
                call("103", "Drugs", "2018-12-31T12:40:00.000", "CIT"),
                "this is not json",
                "{\"original_crime_type_name\":\"Drugs\",\"call_date_time\":\"2018-12-31T11:00:00.000\"}",
                "{\"crime_id\":\"104\",\"call_date_time\":\"31/12/2018 11:00\"}"));
        CommandResult first = Commands.run(JOB_TIMEOUT, job(topic, countsTopic, dir));
        assertEquals(0, first.exitCode(), first.describe());
        // The console shows the batch's changed windows, largest count first, on stdout (data), not stderr.
        assertTrue(first.stdout().startsWith("Batch 0: 3 windows changed\n"), first.describe());
        assertTrue(first.stdout().matches("(?s).*\\|2018-12-31 10:00:00\\|2018-12-31 11:00:00\\|Traffic Stop\\|HAN +\\|Handled +\\|2 +\\|.*"),
                first.describe());

        // Second run: a call behind the watermark (11:20 < 12:10) is dropped; one within it (12:20) counts.
        send(topic, List.of(
                call("105", "Traffic Stop", "2018-12-31T11:20:00.000", "HAN"),
                call("106", "Drugs", "2018-12-31T12:20:00.000", "CIT"),
                call("107", "Traffic Stop", "2018-12-31T13:30:00.000", "GOA")));
        CommandResult second = Commands.run(JOB_TIMEOUT, job(topic, countsTopic, dir));
        assertEquals(0, second.exitCode(), second.describe());

        assertEquals(Map.of(
                "2018-12-31T10:00:00.000|Traffic Stop|HAN", "Handled|2",
                "2018-12-31T11:00:00.000|Drugs|Not recorded", "(no radio code)|1",
                "2018-12-31T12:00:00.000|Drugs|CIT", "Cited|2",
                "2018-12-31T13:00:00.000|Traffic Stop|GOA", "Gone on Arrival|1"),
                CountsTopic.latestCounts(broker.bootstrapServers(), countsTopic, Duration.ofSeconds(30)));

        List<JsonNode> batches = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
            batches.add(JSON.readTree(line));
        }
        // The progress topic holds the metrics file's records, one message per batch, keyed by query.
        List<JsonNode> progress = new ArrayList<>();
        for (ConsumerRecord<String, String> message : TopicReader.readToEnd(broker.bootstrapServers(), PROGRESS_TOPIC, Duration.ofSeconds(30))) {
            JsonNode batch = JSON.readTree(message.value());
            assertEquals(batch.get("query").asText(), message.key(), message.value());
            progress.add(batch);
        }
        assertEquals(sorted(batches), sorted(progress), "progress topic against the metrics file");
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(countsTopic), "the counts topic is a changelog");
        assertEquals(1, sum(batches, "counts-kafka", "droppedLate"), "late calls dropped");
        assertEquals(3, sum(batches, "counts-kafka", "rejected"), "rejected messages");
        assertEquals(3, sum(batches, "rejects", "rejected"), "rejected messages seen by the rejects query");

        Map<String, String> rejects = new TreeMap<>();
        for (Row row : LocalSpark.get().read().json(dir.resolve("rejects").toString()).collectAsList()) {
            rejects.put(row.getAs("raw_value"), row.getAs("reason") + " @" + row.getAs("topic"));
        }
        assertEquals(Map.of(
                "this is not json", "not JSON @" + topic,
                "{\"original_crime_type_name\":\"Drugs\",\"call_date_time\":\"2018-12-31T11:00:00.000\"}", "missing crime_id @" + topic,
                "{\"crime_id\":\"104\",\"call_date_time\":\"31/12/2018 11:00\"}",
                "unparseable call_date_time '31/12/2018 11:00' (expected yyyy-MM-dd'T'HH:mm:ss.SSS) @" + topic), rejects);

        // Final windows only: after the second run the watermark is 13:00, so 10:00, 11:00 and 12:00 are final.
        List<String> finalWindows = new ArrayList<>();
        for (Row row : LocalSpark.get().read().json(dir.resolve("out").toString()).collectAsList()) {
            finalWindows.add(row.getAs("window_start") + "|" + row.getAs("crime_type") + "|" + row.getAs("count"));
        }
        finalWindows.sort(null);
        assertEquals(List.of(
                "2018-12-31T10:00:00.000|Traffic Stop|2",
                "2018-12-31T11:00:00.000|Drugs|1",
                "2018-12-31T12:00:00.000|Drugs|2"), finalWindows);
    }

    private static List<String> job(String topic, String countsTopic, Path dir) {
        return List.of("bash", "scripts/spark-submit", "--master", "local[2]", "stream-job/target/stream-job.jar",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--bounded",
                "--sinks", "console,kafka,files", "--output-topic", countsTopic, "--output-dir", dir.resolve("out").toString(),
                "--rejects-dir", dir.resolve("rejects").toString(), "--checkpoint", dir.resolve("checkpoint").toString(),
                "--metrics-file", dir.resolve("metrics.jsonl").toString(), "--progress-topic", PROGRESS_TOPIC, "--watermark", "30 minutes", "--ui-port", "0");
    }

    private static List<String> sorted(List<JsonNode> batches) {
        return batches.stream().map(JsonNode::toString).sorted().toList();
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }

    private static long sum(List<JsonNode> batches, String query, String field) {
        return batches.stream().filter(b -> b.get("query").asText().equals(query)).mapToLong(b -> b.get(field).asLong()).sum();
    }

    private static void send(String topic, List<String> values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static String call(String crimeId, String type, String callDateTime, String disposition) throws Exception {
        Map<String, String> call = new java.util.LinkedHashMap<>();
        call.put("crime_id", crimeId);
        call.put("original_crime_type_name", type);
        call.put("call_date_time", callDateTime);
        call.put("disposition", disposition);
        return JSON.writeValueAsString(call);
    }
}
