package org.sfcrime.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Everything a topic holds, per partition, read from the beginning to the end offsets of now. */
final class TopicContents {

    private TopicContents() {
    }

    static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read(String bootstrapServers, String topic, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
            partitions.forEach(partition -> records.put(partition.partition(), new ArrayList<>()));
            while (!reachedEnd(consumer, endOffsets)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " up to " + endOffsets + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> records.get(record.partition()).add(record));
            }
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
