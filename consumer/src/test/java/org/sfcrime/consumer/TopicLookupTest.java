package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TopicLookupTest {

    @Test
    void listsPartitionsInOrder() {
        assertEquals(List.of(new TopicPartition("calls", 0), new TopicPartition("calls", 1)),
                TopicLookup.partitions(new MockTopic(2).consumer(), "calls", "h:1", Duration.ofSeconds(1)));
    }

    @Test
    void reportsAMissingTopicInOneLine() {
        CommandFailure failure = assertThrows(CommandFailure.class, () ->
                TopicLookup.partitions(new MockTopic(2).consumer(), "calls.typo", "h:1", Duration.ofSeconds(1)));

        assertEquals("topic calls.typo does not exist", failure.getMessage());
    }

    @Test
    void reportsAnUnreachableBrokerWithTheWaitInSeconds() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized List<org.apache.kafka.common.PartitionInfo> partitionsFor(String topic, Duration timeout) {
                throw new TimeoutException("Timeout expired while fetching topic metadata");
            }
        };

        CommandFailure failure = assertThrows(CommandFailure.class, () ->
                TopicLookup.partitions(consumer, "calls", "127.0.0.1:1", Duration.ofMillis(2500)));

        assertEquals("cannot reach Kafka at 127.0.0.1:1 within 2.5 s (is it running? try scripts/start.sh)",
                failure.getMessage());
    }
}
