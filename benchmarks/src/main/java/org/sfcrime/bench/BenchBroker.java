package org.sfcrime.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sfcrime.testing.KafkaBroker;

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
        try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
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

    public KafkaConsumer<String, String> consumerFromStart(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Every record of the topic, from the beginning of each partition to its end offset now. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), TIMEOUT);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new BenchFailure("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
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
