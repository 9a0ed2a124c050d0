package org.sfcrime.bench.tuning;

import org.sfcrime.bench.BenchFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The study's Kafka clients: topic creation and reading a topic to its end. */
final class Topics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;

    Topics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(properties);
    }

    /** Creates a topic (the broker does not auto-create them). */
    void create(String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchFailure("cannot create topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while creating topic " + topic, e);
        }
    }

    KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    /** Every record of the topic, from the beginning of each partition to its end offset now. */
    List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads a topic from the beginning in a background thread while the job writes to it, noting
     * when each message arrived here: the moment a reader could see it.
     */
    final class Collector implements AutoCloseable {
        private final List<LatencyMeter.OutputCount> received = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile RuntimeException failure;

        Collector(String topic) {
            thread = new Thread(() -> poll(topic), "output-collector");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll(String topic) {
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    var batch = consumer.poll(Duration.ofMillis(100));
                    long receivedMs = System.currentTimeMillis();
                    synchronized (received) {
                        for (ConsumerRecord<String, String> record : batch) {
                            received.add(new LatencyMeter.OutputCount(record.key(), LatencyMeter.countOf(record.value()),
                                    record.timestamp(), receivedMs));
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Stops the thread and returns what arrived. */
        List<LatencyMeter.OutputCount> finish() {
            running.set(false);
            try {
                thread.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new BenchFailure("reading the output topic failed: " + failure.getMessage(), failure);
            }
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    Collector collect(String topic) {
        return new Collector(topic);
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
