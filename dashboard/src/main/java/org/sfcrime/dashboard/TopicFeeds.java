package org.sfcrime.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The one Kafka reader: assigns itself every partition of the counts, enriched and progress topics
 * (counts from the beginning, the others near their end), polls them into the {@link DashboardState},
 * and every few seconds looks again for missing topics and reads the end offsets the lag needs. A
 * missing topic or an absent broker becomes a problem shown on the page, cleared when it is gone; the
 * loop itself only ends on {@link #stop()}.
 */
final class TopicFeeds implements Runnable {

    static final Duration POLL = Duration.ofMillis(200);
    static final Duration RECHECK = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** Progress records read back at start per partition: enough for every query's latest. */
    static final int PROGRESS_BACKLOG = 20;

    private final Consumer<String, String> consumer;
    private final DashboardState state;
    private final String countsTopic;
    private final String enrichedTopic;
    private final String progressTopic;
    private final String bootstrapServers;
    private final Set<String> assignedTopics = new HashSet<>();
    /** Once the user may not read the input topic's offsets (ACLs), the lag comes from the progress alone. */
    private boolean inputEndsDenied;
    private volatile boolean running = true;

    TopicFeeds(Consumer<String, String> consumer, DashboardState state, Topics topics, String bootstrapServers) {
        this.consumer = consumer;
        this.state = state;
        this.countsTopic = topics.counts();
        this.enrichedTopic = topics.enriched();
        this.progressTopic = topics.progress();
        this.bootstrapServers = bootstrapServers;
    }

    /** The topics the dashboard reads. */
    record Topics(String counts, String enriched, String progress) {
        List<String> all() {
            return List.of(counts, enriched, progress);
        }
    }

    @Override
    public void run() {
        Instant nextCheck = Instant.MIN;
        try {
            while (running) {
                if (Instant.now().isAfter(nextCheck)) {
                    check();
                    nextCheck = Instant.now().plus(RECHECK);
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                try {
                    dispatch(consumer.poll(POLL));
                } catch (AuthorizationException e) {
                    state.problem("read", "not allowed to read: " + e.getMessage());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stop() asked
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Missing topics, Kafka's answer and the end offsets: each failure becomes a problem on the page. */
    private void check() {
        try {
            assignNewTopics();
            readEnds();
            state.cleared("kafka");
        } catch (TimeoutException e) {
            state.problem("kafka", "Kafka at " + bootstrapServers + " does not answer (is it running?)");
        } catch (AuthorizationException e) {
            state.problem("kafka", "not authorized: " + e.getMessage());
        } catch (KafkaException e) {
            state.problem("kafka", "Kafka at " + bootstrapServers + ": " + e.getMessage());
        }
    }

    private void assignNewTopics() {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : new Topics(countsTopic, enrichedTopic, progressTopic).all()) {
            if (assignedTopics.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, REQUEST_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                state.problem("topic " + topic, "topic " + topic + " does not exist yet (is the job running with it?)");
                continue;
            }
            state.cleared("topic " + topic);
            assignedTopics.add(topic);
            partitions.forEach(p -> added.add(new TopicPartition(p.topic(), p.partition())));
        }
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(added);
        consumer.assign(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(added, REQUEST_TIMEOUT);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(added, REQUEST_TIMEOUT);
        for (TopicPartition partition : added) {
            long backlog = partition.topic().equals(countsTopic) ? Long.MAX_VALUE
                    : partition.topic().equals(progressTopic) ? PROGRESS_BACKLOG : DashboardState.RECENT_CALLS;
            long end = ends.get(partition);
            consumer.seek(partition, end - starts.get(partition) <= backlog ? starts.get(partition) : end - backlog);
        }
    }

    /** The input topics' end offsets for the lag; from the progress itself where this user may not read them. */
    private void readEnds() {
        Set<TopicPartition> inputs = new HashSet<>();
        for (JsonNode offsets : state.progressOffsets("endOffsets").values()) {
            for (Iterator<Map.Entry<String, JsonNode>> topics = offsets.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                topic.getValue().fieldNames().forEachRemaining(p -> inputs.add(new TopicPartition(topic.getKey(), Integer.parseInt(p))));
            }
        }
        // the dashboard's own partitions too: an absent broker shows here even when no input is known
        Set<TopicPartition> asked = new HashSet<>(inputs);
        asked.addAll(consumer.assignment());
        if (asked.isEmpty()) {
            return;
        }
        if (!inputEndsDenied) {
            try {
                state.topicEnds(consumer.endOffsets(asked, REQUEST_TIMEOUT), false);
                return;
            } catch (AuthorizationException e) {
                inputEndsDenied = true;
            }
        }
        consumer.endOffsets(consumer.assignment(), REQUEST_TIMEOUT); // still asked: it tells whether Kafka answers
        Map<TopicPartition, Long> latest = new HashMap<>();
        for (JsonNode offsets : state.progressOffsets("latestOffsets").values()) {
            offsets.fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(p ->
                    latest.merge(new TopicPartition(topic.getKey(), Integer.parseInt(p.getKey())), p.getValue().asLong(), Math::max)));
        }
        state.topicEnds(latest, true);
    }

    private void dispatch(ConsumerRecords<String, String> records) {
        List<ObjectNode> counts = new ArrayList<>();
        List<ObjectNode> calls = new ArrayList<>();
        Instant newestCount = null;
        for (ConsumerRecord<String, String> record : records) {
            ObjectNode value = parse(record);
            if (value == null) {
                continue;
            }
            if (record.topic().equals(countsTopic)) {
                counts.add(value);
                Instant written = Instant.ofEpochMilli(record.timestamp());
                newestCount = newestCount == null || written.isAfter(newestCount) ? written : newestCount;
            } else if (record.topic().equals(enrichedTopic)) {
                calls.add(value);
            } else {
                state.progressArrived(value);
            }
        }
        state.countsArrived(counts, newestCount);
        state.callsArrived(calls);
    }

    /** A message that is not a JSON object (or lacks a count) is skipped and named on the page. */
    private ObjectNode parse(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = record.value() == null ? null : DashboardState.JSON.readTree(record.value());
            if (value instanceof ObjectNode object && (!record.topic().equals(countsTopic)
                    || object.hasNonNull(LatestCounts.WINDOW_START) && object.path(LatestCounts.COUNT).canConvertToLong())) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        state.problem("unreadable " + record.topic(), "skipped a message that is not what " + record.topic() + " holds: "
                + record.topic() + "-" + record.partition() + " offset " + record.offset());
        return null;
    }
}
