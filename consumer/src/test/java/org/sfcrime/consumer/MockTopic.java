package org.sfcrime.consumer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.sfcrime.record.CallRecord;

/** A topic's messages for a {@link MockConsumer}: offsets from 0, timestamps 1000 + offset. */
final class MockTopic {

    static final String NAME = "calls";

    private final List<List<ConsumerRecord<byte[], byte[]>>> partitions = new ArrayList<>();

    MockTopic(int partitionCount) {
        for (int i = 0; i < partitionCount; i++) {
            partitions.add(new ArrayList<>());
        }
    }

    MockTopic add(int partition, CallRecord call) {
        return add(partition, call.key(), call.json());
    }

    MockTopic add(int partition, String key, String value) {
        return add(partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    MockTopic add(int partition, byte[] key, byte[] value) {
        List<ConsumerRecord<byte[], byte[]>> messages = partitions.get(partition);
        long offset = messages.size();
        messages.add(new ConsumerRecord<>(NAME, partition, offset, 1000 + offset, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value,
                new RecordHeaders(), Optional.empty()));
        return this;
    }

    List<TopicPartition> topicPartitions() {
        List<TopicPartition> list = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            list.add(new TopicPartition(NAME, i));
        }
        return list;
    }

    /**
     * A consumer that knows the topic's partitions and offsets and delivers every message on its
     * first poll (MockConsumer only accepts records for assigned partitions, so they are added then).
     */
    MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        Node node = new Node(0, "localhost", 9092);
        for (TopicPartition tp : topicPartitions()) {
            infos.add(new PartitionInfo(NAME, tp.partition(), node, new Node[] {node}, new Node[] {node}));
            beginning.put(tp, 0L);
            end.put(tp, (long) partitions.get(tp.partition()).size());
        }
        consumer.updatePartitions(NAME, infos);
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(() -> {
            if (!consumer.subscription().isEmpty() && consumer.assignment().isEmpty()) {
                consumer.rebalance(topicPartitions()); // a group subscription: the "coordinator" assigns all
            }
            partitions.forEach(messages -> messages.forEach(message -> {
                if (consumer.assignment().contains(new TopicPartition(NAME, message.partition()))) {
                    consumer.addRecord(message);
                }
            }));
        });
        return consumer;
    }
}
