package org.sfcrime.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.sfcrime.testing.KafkaBroker;
import org.sfcrime.testing.TopicReader;

/**
 * A broker on free loopback ports for one benchmark or study, with the topic work done outside the
 * measured runs through clients in this JVM (a CLI per topic would start one more JVM on a 2-core
 * machine between runs). Stopped by close, or by a shutdown hook after Ctrl-C or a kill: the broker
 * runs detached, under setsid, and would otherwise outlive us.
 */
public final class BenchBroker implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final Thread stopOnExit;
    private final Admin admin;

    public BenchBroker(PrintStream progress) {
        progress.println("starting a Kafka broker on free loopback ports");
        try {
            broker = KafkaBroker.start();
        } catch (RuntimeException | AssertionError e) {
            throw new BenchFailure("could not start a broker: " + BenchFailure.oneLine(e), e);
        }
        stopOnExit = new Thread(broker::close, "stop-bench-broker");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The broker does not auto-create topics. */
    public void create(String topic, int partitions) {
        await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all(), "create topic " + topic);
    }

    /** Messages in the topic: the sum of its partitions' end offsets (the topics start empty, at 0). */
    public long messages(String topic) {
        try (KafkaConsumer<String, String> consumer = TopicReader.fromStart(bootstrapServers(), topic, TIMEOUT)) {
            return consumer.endOffsets(consumer.assignment(), TIMEOUT).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Deletes the topic so that runs do not fill the disk; a failure here is only reported. */
    public void deleteQuietly(String topic) {
        try {
            await(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic);
        } catch (BenchFailure e) {
            System.err.println("warning: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook stops the broker
        }
        broker.close();
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new BenchFailure("cannot " + what + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new BenchFailure("cannot " + what + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted: " + what, e);
        }
    }
}
