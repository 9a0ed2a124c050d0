package org.sfcrime.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a query of the job is behind its input: per partition, the topic's end offset minus the
 * offset after the last message the query's latest batch read (its progress' endOffsets), summed.
 * Spark keeps its offsets in its checkpoint, not in a consumer group, so group-lag tools see none.
 */
final class JobLag {

    private JobLag() {
    }

    /**
     * @param batchOffsets {"topic":{"0":42,...}} of a progress record (endOffsets)
     * @param topicEnds    end offset of each partition of those topics
     * @return the lag in messages, or empty when a partition's end is unknown
     */
    static OptionalLong of(JsonNode batchOffsets, Map<TopicPartition, Long> topicEnds) {
        long lag = 0;
        for (Iterator<Map.Entry<String, JsonNode>> topics = batchOffsets.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields(); partitions.hasNext(); ) {
                Map.Entry<String, JsonNode> partition = partitions.next();
                Long end = topicEnds.get(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())));
                if (end == null) {
                    return OptionalLong.empty();
                }
                lag += Math.max(0, end - partition.getValue().asLong());
            }
        }
        return OptionalLong.of(lag);
    }
}
