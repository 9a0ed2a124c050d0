package org.sfcrime.consumer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Finds a topic's partitions, the first request every mode makes: it is where an absent broker
 * or a misspelt topic shows up, so it turns both into one-line errors within a bounded time.
 */
final class TopicLookup {

    private TopicLookup() {
    }

    /**
     * The topic's partitions, sorted by number.
     *
     * @param bootstrapServers only for the error message
     * @param reachTimeout     how long to wait for the broker to answer
     * @throws CommandFailure when the broker does not answer in time or the topic does not exist
     */
    static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, String bootstrapServers,
                                           Duration reachTimeout) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, reachTimeout);
        } catch (TimeoutException e) {
            throw new CommandFailure("cannot reach Kafka at " + bootstrapServers + " within "
                    + Deadline.seconds(reachTimeout) + " (is it running? try scripts/start.sh)");
        } catch (AuthorizationException e) {
            throw new CommandFailure("not authorized to read topic " + topic + ": " + e.getMessage());
        }
        if (infos == null || infos.isEmpty()) {
            throw new CommandFailure("topic " + topic + " does not exist");
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }
}
