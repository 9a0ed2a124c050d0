package org.sfcrime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic as a downstream reader would: every partition from its beginning, outside any consumer group. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * A consumer assigned to every partition of the topic, at its beginning; waits up to the
     * timeout for the topic to be created.
     */
    public static KafkaConsumer<String, String> fromStart(String bootstrapServers, String topic, Duration timeout) {
        return fromStart(bootstrapServers, new Properties(), topic, timeout);
    }

    /** @param client further client settings (a secured broker's, say); empty for none */
    private static KafkaConsumer<String, String> fromStart(String bootstrapServers, Properties client, String topic, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions;
        try {
            partitions = partitionsOnceCreated(consumer, topic, timeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * The topic's partitions, waiting for the topic when it does not exist yet: a reader is often
     * started before the job that creates its topic (the broker never creates one on a read).
     */
    private static List<TopicPartition> partitionsOnceCreated(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
        while (partitions.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("topic " + topic + " did not exist within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
            partitions = partitionsOf(consumer, topic, timeout);
        }
        return partitions;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Every record of the topic, up to each partition's end offset at the call; throws when that takes longer than the timeout. */
    public static List<ConsumerRecord<String, String>> readToEnd(String bootstrapServers, Properties client, String topic,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = fromStart(bootstrapServers, client, topic, timeout)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), timeout) < end.getValue())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static List<ConsumerRecord<String, String>> readToEnd(String bootstrapServers, String topic, Duration timeout) {
        return readToEnd(bootstrapServers, new Properties(), topic, timeout);
    }
}
