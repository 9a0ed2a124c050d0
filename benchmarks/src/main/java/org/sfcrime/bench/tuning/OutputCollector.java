package org.sfcrime.bench.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Topics;

/**
 * Reads the job's output topic from the beginning in a background thread while the job writes to
 * it, noting when each message arrived here: the moment a reader could see it.
 */
final class OutputCollector implements AutoCloseable {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final List<LatencyMeter.OutputCount> received = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    OutputCollector(Topics topics, String topic) {
        thread = new Thread(() -> poll(topics, topic), "output-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Topics topics, String topic) {
        try (KafkaConsumer<String, String> consumer = topics.consumerFromStart(topic)) {
            while (running) {
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
        close();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
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
        running = false;
    }
}
