package org.sfcrime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the job's Kafka sink to its end and keeps the latest count per key, as a downstream reader would. */
public final class CountsTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CountsTopic() {
    }

    /** Key "window start|crime type|disposition" → "description|count" of the last message with that key. */
    public static Map<String, String> latestCounts(String bootstrapServers, String topic, Duration timeout) throws IOException {
        return latestCounts(bootstrapServers, null, topic, timeout);
    }

    /** As {@link #latestCounts(String, String, Duration)}, as the client of a properties file (security settings) unless null. */
    public static Map<String, String> latestCounts(String bootstrapServers, Path clientFile, String topic, Duration timeout)
            throws IOException {
        Properties client = new Properties();
        if (clientFile != null) {
            try (Reader in = Files.newBufferedReader(clientFile)) {
                client.load(in);
            }
        }
        Map<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readToEnd(bootstrapServers, client, topic, timeout)) {
            JsonNode row = JSON.readTree(record.value());
            String key = row.get("window_start").asText() + "|" + row.get("crime_type").asText() + "|" + row.get("disposition").asText();
            if (!key.equals(record.key())) {
                throw new AssertionError("message key " + record.key() + " does not match its value " + record.value());
            }
            latest.put(key, row.get("description").asText() + "|" + row.get("count").asLong());
        }
        return latest;
    }
}
