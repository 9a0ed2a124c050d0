package org.sfcrime.consumer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.ShutdownRequest;

/**
 * Runs console mode: checks the topic, creates the consumer, hands it to {@link ConsoleReader}
 * and prints the final count to stderr, also after Ctrl-C.
 */
final class ConsoleMode {

    private final PrintWriter out;
    private final PrintWriter err;

    /** @param out where messages go (stdout); @param err where the count and warnings go (stderr) */
    ConsoleMode(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param fromBeginning with a group: start where the group has no committed offset at the earliest
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#INTERRUPTED} after a signal
     */
    int run(ReadPlan plan, ClientSettings settings, boolean fromBeginning, boolean printSettings,
            Duration reachTimeout) {
        settings = ConsumerClients.withClientId(settings, "sfcrime-console-consumer")
                .with(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // offsets are committed as printed
        if (plan.groupId().isPresent()) {
            settings = settings.with(ConsumerConfig.GROUP_ID_CONFIG, plan.groupId().get());
            if (fromBeginning) {
                settings = settings.with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            }
        } else {
            settings = settings.without(ConsumerConfig.GROUP_ID_CONFIG);
        }
        ConsumerClients.printSettings(printSettings, settings, err);
        List<TopicPartition> partitions = ConsumerClients.partitions(settings, plan.topic(), reachTimeout);
        KafkaConsumer<byte[], byte[]> consumer = ConsumerClients.open(settings);
        ShutdownRequest shutdown = ConsumerClients.wakeUpOnSignal(consumer);
        ConsoleReader reader = new ConsoleReader(consumer, plan, new MessagePrinter(plan.layout(), out), err);
        try {
            reader.run(partitions);
        } finally {
            out.flush();
            err.println("Processed a total of " + reader.messagesPrinted() + " messages");
            ConsumerClients.close(consumer, err);
            err.flush();
            shutdown.close();
        }
        return shutdown.requested() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }
}
