package org.sfcrime.producer;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, before anything is sent, that the broker answers and the topic exists
 * (creating it when asked to), each within the timeout. Without this a producer would wait
 * max.block.ms for a missing broker and then fail every record one by one.
 */
final class TopicPreflight {

    /** Replication factor of a topic created here: the project runs one broker. */
    private static final short REPLICATION_FACTOR = 1;

    private final ClientSettings settings;
    private final long timeoutMs;

    TopicPreflight(ClientSettings settings, long timeoutMs) {
        this.settings = settings;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @return the topic's partition count
     * @throws ReplayFailure when the broker does not answer in time or the topic is missing
     */
    int check(String topic, boolean createIfMissing, int partitions, java.io.PrintWriter err) throws ReplayFailure {
        Admin admin;
        try {
            admin = Admin.create(settings.adminConfig(timeoutMs));
        } catch (KafkaException e) {
            throw new ReplayFailure("cannot connect to Kafka at " + settings.bootstrapServers() + ": " + e.getMessage());
        }
        try {
            awaitBroker(admin);
            Integer existing = describe(admin, topic);
            if (existing != null) {
                return existing;
            }
            if (!createIfMissing) {
                throw new ReplayFailure("topic " + topic + " does not exist (create it with scripts/start.sh,"
                        + " scripts/kafka-topics, or pass --create-topic)");
            }
            create(admin, topic, partitions);
            err.println("producer: created topic " + topic + " with " + partitions + " partitions (replication factor "
                    + REPLICATION_FACTOR + ")");
            return partitions;
        } finally {
            // nothing is pending that we still want: do not wait for stragglers
            admin.close(java.time.Duration.ZERO);
        }
    }

    private void awaitBroker(Admin admin) throws ReplayFailure {
        try {
            admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable();
            }
            throw new ReplayFailure("cannot connect to Kafka at " + settings.bootstrapServers() + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while connecting to Kafka at " + settings.bootstrapServers());
        }
    }

    /** @return the partition count, or null when the topic does not exist */
    private Integer describe(Admin admin, String topic) throws ReplayFailure {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new ReplayFailure("cannot describe topic " + topic + ": " + reason(e));
        } catch (TimeoutException e) {
            throw new ReplayFailure("Kafka at " + settings.bootstrapServers() + " did not describe topic " + topic
                    + " within " + seconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while describing topic " + topic);
        }
    }

    private void create(Admin admin, String topic, int partitions) throws ReplayFailure {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, REPLICATION_FACTOR))).all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ReplayFailure("cannot create topic " + topic + ": " + reason(e));
            }
            // created by someone else meanwhile: just as good
        } catch (TimeoutException e) {
            throw new ReplayFailure("Kafka at " + settings.bootstrapServers() + " did not create topic " + topic
                    + " within " + seconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted while creating topic " + topic);
        }
    }

    private ReplayFailure unreachable() {
        return new ReplayFailure("cannot reach Kafka at " + settings.bootstrapServers() + " within " + seconds()
                + " s (is it running? try scripts/start.sh)");
    }

    private String seconds() {
        return timeoutMs % 1000 == 0 ? Long.toString(timeoutMs / 1000)
                : String.format(Locale.ROOT, "%.1f", timeoutMs / 1000.0);
    }

    private static String reason(ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
