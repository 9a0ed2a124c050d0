package org.sfcrime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the job's Kafka sink to its end and keeps the latest count per key, as a downstream reader would. */
final class CountsTopic {

    private CountsTopic() {
    }

    /** Key "window start|crime type|disposition" → "description|count" of the last message with that key. */
    static Map<String, String> latestCounts(String bootstrapServers, String topic, Duration timeout) throws IOException {
        return latestCounts(bootstrapServers, null, topic, timeout);
    }

    /** As {@link #latestCounts(String, String, Duration)}, as the client of a properties file (security settings) unless null. */
    static Map<String, String> latestCounts(String bootstrapServers, Path clientFile, String topic, Duration timeout)
            throws IOException {
        Properties props = new Properties();
        if (clientFile != null) {
            try (Reader in = Files.newBufferedReader(clientFile)) {
                props.load(in);
            }
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> latest = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode row = mapper.readTree(record.value());
                    String key = row.get("window_start").asText() + "|" + row.get("crime_type").asText()
                            + "|" + row.get("disposition").asText();
                    if (!key.equals(record.key())) {
                        throw new AssertionError("message key " + record.key() + " does not match its value " + record.value());
                    }
                    latest.put(key, row.get("description").asText() + "|" + row.get("count").asLong());
                }
            }
        }
        return latest;
    }
}
