package org.sfcrime.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The check every component makes before it starts: the broker answers, the client may log in, and
 * the topics exist and allow what the component does to them, each within the timeout, so that an
 * absent broker, a refused password, a missing ACL or a misspelt topic is one line naming it
 * rather than a client that retries for minutes.
 */
public final class TopicCheck implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;
    private final KafkaFailures failures;
    private final Duration timeout;

    private TopicCheck(Admin admin, ClientSettings settings, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = settings.bootstrapServers();
        this.failures = new KafkaFailures(settings);
        this.timeout = timeout;
    }

    /**
     * Connects and waits until the cluster answers.
     *
     * @throws CommandFailure when it does not answer within {@code timeout} or refuses the login
     */
    public static TopicCheck connect(ClientSettings settings, Duration timeout) {
        Admin admin;
        try {
            admin = Admin.create(settings.forAdmin(timeout));
        } catch (KafkaException e) {
            throw new CommandFailure("cannot connect to Kafka at " + settings.bootstrapServers() + ": "
                    + CommandFailure.rootMessage(e));
        }
        TopicCheck check = new TopicCheck(admin, settings, timeout);
        try {
            check.await(admin.describeCluster().nodes(), "answer", null, "cannot reach Kafka at " + settings.bootstrapServers()
                    + " within " + seconds(timeout) + " (is it running? try scripts/start.sh)");
        } catch (RuntimeException e) {
            check.close();
            throw e;
        }
        return check;
    }

    /**
     * The topic's partition count, or empty when it does not exist.
     *
     * @param operation what the component does to the topic (read, write)
     * @throws CommandFailure when the client's user may not do that (or not even describe the topic)
     */
    public OptionalInt partitions(String topic, AclOperation operation) {
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames(), "describe", topic, null).get(topic);
        } catch (MissingTopic e) {
            return OptionalInt.empty();
        }
        // Null from a broker that does not report them; a cluster without an authorizer allows everything.
        Set<AclOperation> allowed = description.authorizedOperations();
        if (allowed != null && !allowed.contains(operation) && !allowed.contains(AclOperation.ALL)) {
            throw new CommandFailure(failures.notAuthorized(verb(operation), "topic " + topic));
        }
        return OptionalInt.of(description.partitions().size());
    }

    /** @throws CommandFailure when the topic does not exist, or the user may not do {@code operation} to it */
    public int requirePartitions(String topic, AclOperation operation) {
        return partitions(topic, operation).orElseThrow(() -> new CommandFailure("topic " + topic + " does not exist on "
                + bootstrapServers + " (create it with scripts/start.sh or scripts/kafka-topics)"));
    }

    /**
     * The topic's partition count, creating it first when it is missing; a created topic takes the
     * cluster's default replication factor, so one broker and a replicated cluster both fit.
     *
     * @throws CommandFailure when the user may not create the topic, or not do {@code operation} to it
     */
    public int createIfMissing(String topic, int partitions, AclOperation operation, PrintWriter err) {
        return createIfMissing(topic, partitions, Map.of(), operation, err);
    }

    /**
     * As {@link #createIfMissing(String, int, AclOperation, PrintWriter)}, a created topic taking
     * {@code configs} (e.g. cleanup.policy=compact); an existing topic is left as it is.
     */
    public int createIfMissing(String topic, int partitions, Map<String, String> configs, AclOperation operation,
                               PrintWriter err) {
        OptionalInt existing = partitions(topic, operation);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        try {
            await(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(configs))).all(),
                    "create", topic, null);
            err.println("created topic " + topic + " with " + partitions + " partitions"
                    + (configs.isEmpty() ? "" : ", " + new TreeMap<>(configs).toString().replaceAll("[{}]", "")));
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

    /**
     * @param operation what is asked: "answer", "describe", "create"
     * @param topic     the topic it is asked of, or null
     * @param onTimeout the message when no answer comes in time; null for the usual one
     */
    private <T> T await(Future<T> future, String operation, String topic, String onTimeout) {
        String what = topic == null ? operation : operation + " topic " + topic;
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
            throw failures.failure(cause, operation, topic, "Kafka at " + bootstrapServers + " did not " + what + ": ");
        }
    }

    private CommandFailure unanswered(String what, String onTimeout) {
        return new CommandFailure(failures.silentTlsListener().orElseGet(() -> onTimeout != null ? onTimeout
                : "Kafka at " + bootstrapServers + " did not " + what + " within " + seconds(timeout)
                        + " (is it running? try scripts/start.sh)"));
    }

    /** "write" for {@link AclOperation#WRITE}: how messages name an operation. */
    static String verb(AclOperation operation) {
        return operation.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "30 s", "0.5 s": how the project writes a timeout in a message. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0))
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
