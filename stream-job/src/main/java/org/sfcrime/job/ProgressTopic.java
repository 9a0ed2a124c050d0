package org.sfcrime.job;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sfcrime.cli.ClientSettings;

/**
 * Writes each batch's progress JSON to a Kafka topic, keyed by query name, so that a reader such as
 * the dashboard sees the job's health without access to its files. It connects with the job's own
 * client settings, security ones included. A failed send is reported once and never stops the job:
 * progress is a report about the counts, not part of them.
 */
final class ProgressTopic implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final PrintWriter err;
    private final AtomicBoolean failureReported = new AtomicBoolean();

    ProgressTopic(ClientSettings client, String topic, PrintWriter err) {
        Map<String, Object> settings = client.forClient();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "sf-crime-stream-job-progress");
        // a slow or absent broker must not hold a batch for long: the next batch sends again anyway
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.err = err;
    }

    void send(String query, String progressJson) {
        producer.send(new ProducerRecord<>(topic, query, progressJson), (metadata, failure) -> {
            if (failure != null && failureReported.compareAndSet(false, true)) {
                err.println("cannot write progress to topic " + topic + " (reported once): " + failure.getMessage());
            }
        });
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
