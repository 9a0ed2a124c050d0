package org.sfcrime.job;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Checks the broker and topics before Spark starts, so that a missing broker or topic is one
 * clear line within a bounded time instead of a query that retries or a stack trace.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {
    }

    /**
     * Fails when the broker cannot be reached within {@code timeout} or the input topic is
     * missing; creates the output topic when a sink needs it and it does not exist yet.
     */
    public static void check(JobConfig config, Duration timeout, java.io.PrintStream err) throws PreflightException {
        Properties props = new Properties();
        config.kafkaOptions().forEach((key, value) -> props.put(key.substring(JobSettings.KAFKA_PREFIX.length()), value));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
        try (Admin admin = Admin.create(props)) {
            Set<String> topics;
            try {
                topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new PreflightException("cannot reach Kafka at " + config.bootstrapServers() + " within "
                        + timeout.toSeconds() + " s (is it running? try scripts/start.sh)");
            }
            if (!topics.contains(config.topic())) {
                throw new PreflightException("topic " + config.topic() + " does not exist on " + config.bootstrapServers()
                        + " (create it with scripts/start.sh or scripts/kafka-topics)");
            }
            if (config.sinks().contains(Sink.KAFKA) && !topics.contains(config.outputTopic())) {
                err.println("creating output topic " + config.outputTopic() + " (3 partitions)");
                admin.createTopics(List.of(new NewTopic(config.outputTopic(), 3, (short) 1)))
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while checking Kafka");
        } catch (TimeoutException | ExecutionException e) {
            throw new PreflightException("cannot create topic " + config.outputTopic() + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }


    /** Kafka is not usable for this job; the message says why and what to do. */
    public static final class PreflightException extends Exception {
        public PreflightException(String message) {
            super(message, null, false, false);
        }
    }
}
