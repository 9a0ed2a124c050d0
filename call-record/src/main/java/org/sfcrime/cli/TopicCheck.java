package org.sfcrime.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The check every component makes before it starts: the broker answers and the topics exist,
 * each within the timeout, so that an absent broker or a misspelt topic is one line naming it
 * rather than a client that retries for minutes.
 */
public final class TopicCheck implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    private TopicCheck(Admin admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /**
     * Connects and waits until the cluster answers.
     *
     * @throws CommandFailure when it does not answer within {@code timeout}
     */
    public static TopicCheck connect(ClientSettings settings, Duration timeout) {
        Admin admin;
        try {
            admin = Admin.create(settings.forAdmin(timeout));
        } catch (KafkaException e) {
            throw new CommandFailure("cannot connect to Kafka at " + settings.bootstrapServers() + ": "
                    + CommandFailure.rootMessage(e));
        }
        TopicCheck check = new TopicCheck(admin, settings.bootstrapServers(), timeout);
        try {
            check.await(admin.describeCluster().nodes(), "answer", "cannot reach Kafka at " + settings.bootstrapServers()
                    + " within " + seconds(timeout) + " (is it running? try scripts/start.sh)");
        } catch (RuntimeException e) {
            check.close();
            throw e;
        }
        return check;
    }

    /** The topic's partition count, or empty when it does not exist. */
    public OptionalInt partitions(String topic) {
        try {
            return OptionalInt.of(await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic, null)
                    .get(topic).partitions().size());
        } catch (MissingTopic e) {
            return OptionalInt.empty();
        }
    }

    /** @throws CommandFailure when the topic does not exist */
    public int requirePartitions(String topic) {
        return partitions(topic).orElseThrow(() -> new CommandFailure("topic " + topic + " does not exist on "
                + bootstrapServers + " (create it with scripts/start.sh or scripts/kafka-topics)"));
    }

    /**
     * The topic's partition count, creating it first when it is missing; a created topic takes the
     * cluster's default replication factor, so one broker and a replicated cluster both fit.
     */
    public int createIfMissing(String topic, int partitions, PrintWriter err) {
        OptionalInt existing = partitions(topic);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        try {
            await(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all(),
                    "create topic " + topic, null);
            err.println("created topic " + topic + " with " + partitions + " partitions");
        } catch (TopicAlreadyCreated e) {
            // created by someone else meanwhile: just as good
        }
        return partitions;
    }

    @Override
    public void close() {
        // nothing is pending that is still wanted: do not wait for stragglers
        admin.close(Duration.ZERO);
    }

    /** @param onTimeout the message when no answer comes in time; null for the usual one */
    private <T> T await(Future<T> future, String what, String onTimeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unanswered(what, onTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for Kafka at " + bootstrapServers + " to " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new MissingTopic();
            }
            if (cause instanceof TopicExistsException) {
                throw new TopicAlreadyCreated();
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unanswered(what, onTimeout);
            }
            if (cause instanceof AuthorizationException) {
                throw new CommandFailure("not authorized to " + what + " at " + bootstrapServers + ": "
                        + CommandFailure.rootMessage(cause));
            }
            throw new CommandFailure("Kafka at " + bootstrapServers + " did not " + what + ": "
                    + CommandFailure.rootMessage(cause));
        }
    }

    private CommandFailure unanswered(String what, String onTimeout) {
        return new CommandFailure(onTimeout != null ? onTimeout : "Kafka at " + bootstrapServers + " did not " + what + " within "
                + seconds(timeout) + " (is it running? try scripts/start.sh)");
    }

    /** "30 s", "0.5 s": how the project writes a timeout in a message. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0))
                + " s";
    }

    private static final class MissingTopic extends RuntimeException {
        MissingTopic() {
            super(null, null, false, false);
        }
    }

    private static final class TopicAlreadyCreated extends RuntimeException {
        TopicAlreadyCreated() {
            super(null, null, false, false);
        }
    }
}
