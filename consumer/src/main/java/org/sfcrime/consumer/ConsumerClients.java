package org.sfcrime.consumer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.cli.TopicCheck;

/** What both modes do with their Kafka consumer: check the topic, open, wake on a signal, close; each bounded. */
final class ConsumerClients {

    /** Longest wait for a first answer from the broker; --timeout-ms can only shorten it. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(30);
    /** How long a signal's shutdown waits for the interrupted command to print its count and close the client. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The consumer's own close is bounded too. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private ConsumerClients() {
    }

    /**
     * Every partition of the topic, sorted by number, once the broker has answered.
     *
     * @throws CommandFailure when the broker does not answer within {@code reachTimeout}, refuses the login, or the
     *                        topic does not exist or may not be read
     */
    static List<TopicPartition> partitions(ClientSettings settings, String topic, Duration reachTimeout) {
        try (TopicCheck check = TopicCheck.connect(settings, reachTimeout)) {
            return IntStream.range(0, check.requirePartitions(topic, AclOperation.READ)).mapToObj(n -> new TopicPartition(topic, n)).toList();
        }
    }

    /** These settings with {@code clientId} as client.id unless they name one. */
    static ClientSettings withClientId(ClientSettings settings, String clientId) {
        return settings.get(ConsumerConfig.CLIENT_ID_CONFIG) == null
                ? settings.with(ConsumerConfig.CLIENT_ID_CONFIG, clientId) : settings;
    }

    /** With --print-settings: the effective client settings, secret values hidden. */
    static void printSettings(boolean requested, ClientSettings settings, PrintWriter err) {
        if (requested) {
            err.println("Client settings:");
            settings.describe().forEach(line -> err.println("  " + line));
            err.flush();
        }
    }

    static KafkaConsumer<byte[], byte[]> open(ClientSettings settings) {
        try {
            return new KafkaConsumer<>(settings.toProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new CommandFailure("cannot create the Kafka consumer: " + CommandFailure.rootMessage(e));
        }
    }

    /**
     * Ctrl-C (SIGINT, or SIGTERM) wakes the consumer, so the polling loop ends with a WakeupException,
     * prints its count and closes the client before the JVM exits; upstream's ConsoleConsumer does the same.
     */
    static ShutdownRequest wakeUpOnSignal(KafkaConsumer<byte[], byte[]> consumer) {
        return ShutdownRequest.install("consumer-shutdown", SHUTDOWN_GRACE, consumer::wakeup);
    }

    static void close(KafkaConsumer<byte[], byte[]> consumer, PrintWriter err) {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (KafkaException e) {
            err.println("warning: closing the consumer: " + CommandFailure.rootMessage(e));
        }
    }
}
