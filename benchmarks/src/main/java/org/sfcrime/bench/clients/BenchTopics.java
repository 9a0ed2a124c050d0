package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Creates, counts and deletes the benchmark's topics, outside the measured runs (through the admin
 * API in this JVM: a CLI per topic would start one more JVM on a 2-core machine between runs).
 */
final class BenchTopics implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    BenchTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        this.admin = Admin.create(props);
    }

    void create(String topic, int partitions) {
        await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all(), "create topic " + topic);
    }

    /** Messages in the topic: the sum of its partitions' end offsets (the topics start empty, at 0). */
    long messages(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return await(admin.listOffsets(latest).all(), "read the end offsets of " + topic)
                .values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** Deletes the topic so that runs do not fill the disk; a failure here is only reported. */
    void deleteQuietly(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("warning: could not delete topic " + topic + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new BenchFailure("cannot " + what + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new BenchFailure("cannot " + what + " within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted: " + what);
        }
    }
}
