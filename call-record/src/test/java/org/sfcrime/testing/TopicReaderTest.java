package org.sfcrime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic reader against a real broker, started before the topic it reads exists, as a reader of the job's output is. */
class TopicReaderTest {

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void readsFromStartATopicCreatedAfterTheReaderStarted() throws Exception {
        String topic = "created.later";
        CompletableFuture<KafkaConsumer<String, String>> reader =
                CompletableFuture.supplyAsync(() -> TopicReader.fromStart(broker.bootstrapServers(), topic, TIMEOUT));
        Thread.sleep(1_000);
        assertFalse(reader.isDone(), "the reader waits for the topic");
        broker.createTopic(topic, 3);
        produce(topic, List.of("a", "b", "c"));

        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = reader.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            assertEquals(3, consumer.assignment().size());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (keys.size() < 3 && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
            }
        }
        assertEquals(List.of("a", "b", "c"), keys.stream().sorted().toList());
    }

    @Test
    void namesATopicThatNeverAppears() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicReader.fromStart(broker.bootstrapServers(), "never.created", Duration.ofSeconds(2)));
        assertEquals("topic never.created did not exist within 2 s", e.getMessage());
    }

    private static void produce(String topic, List<String> keys) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topic, key, key));
            }
        }
    }
}
