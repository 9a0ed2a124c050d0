package org.sfcrime.job;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.TopicConfig;
import org.sfcrime.cli.TopicCheck;

/**
 * The job's check before Spark starts: the broker answers, the job's user may read the calls
 * topic and write its outputs (created when missing). A refused login, a missing ACL or an absent
 * topic is then one line, not a query failing minutes later.
 */
final class JobKafkaCheck {

    /** How long the check may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Partitions of an output topic the job creates. */
    static final int OUTPUT_TOPIC_PARTITIONS = 3;

    private JobKafkaCheck() {
    }

    /**
     * The counts topic is a changelog: each key is written again whenever its count changes, so a
     * reader from the beginning wants the latest value per key, which compaction keeps, and never
     * loses a window to retention.
     */
    static final Map<String, String> COUNTS_TOPIC_CONFIGS = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    /**
     * @param progressTopic the progress topic, or null for none
     * @return the partitions of the calls topic
     */
    static int run(CallSource source, Sinks sinks, QueryOptions queries, String progressTopic, PrintWriter err) {
        try (TopicCheck kafka = TopicCheck.connect(source.client(), TIMEOUT)) {
            int partitions = kafka.requirePartitions(source.topic(), AclOperation.READ);
            if (queries.counts() && sinks.enabled().contains(Sink.KAFKA)) {
                kafka.createIfMissing(sinks.outputTopic(), OUTPUT_TOPIC_PARTITIONS, COUNTS_TOPIC_CONFIGS, AclOperation.WRITE, err);
            }
            if (queries.enriched()) {
                kafka.createIfMissing(queries.enrichedTopic(), OUTPUT_TOPIC_PARTITIONS, AclOperation.WRITE, err);
            }
            if (progressTopic != null) {
                kafka.createIfMissing(progressTopic, OUTPUT_TOPIC_PARTITIONS, AclOperation.WRITE, err);
            }
            return partitions;
        }
    }
}
