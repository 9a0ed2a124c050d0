package org.sfcrime.consumer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.sfcrime.cli.CommandFailure;

/**
 * Console mode's loop, upstream kafka-console-consumer's behaviour: position the consumer, then
 * print messages until {@code --max-messages}, {@code --timeout-ms} without a message, a closed
 * stdout or a wakeup (Ctrl-C). It is handed its consumer and printer, so a test can drive it with
 * a {@code MockConsumer}.
 */
final class ConsoleReader {

    /** One poll's wait: short, so the idle timeout is checked often; the loop itself may run forever. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** The final commit of a group's offsets is bounded too. */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final ReadPlan plan;
    private final MessagePrinter printer;
    private final PrintWriter err;
    /** Next offset to commit per partition: only messages already printed (with a group). */
    private final Map<TopicPartition, OffsetAndMetadata> printedUpTo = new HashMap<>();
    private long messagesPrinted;

    ConsoleReader(Consumer<byte[], byte[]> consumer, ReadPlan plan, MessagePrinter printer, PrintWriter err) {
        this.consumer = consumer;
        this.plan = plan;
        this.printer = printer;
        this.err = err;
    }

    /** Messages printed so far; valid after {@link #run} returned or threw. */
    long messagesPrinted() {
        return messagesPrinted;
    }

    /**
     * Positions the consumer on the topic and prints messages until one of the stop conditions.
     *
     * @param topicPartitions every partition of the topic, from {@link ConsumerClients#partitions}
     */
    void run(List<TopicPartition> topicPartitions) {
        position(topicPartitions);
        long lastMessageNanos = System.nanoTime();
        try {
            while (messagesPrinted < plan.maxMessages()) {
                long idleMs = (System.nanoTime() - lastMessageNanos) / 1_000_000;
                if (idleMs >= plan.idleTimeoutMs()) {
                    return;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(
                        Duration.ofMillis(Math.min(POLL_INTERVAL.toMillis(), plan.idleTimeoutMs() - idleMs)));
                if (records.isEmpty()) {
                    continue;
                }
                lastMessageNanos = System.nanoTime();
                printAll(records);
                if (!printer.flush()) {
                    err.println("Unable to write to standard out, closing consumer.");
                    return;
                }
                if (plan.groupId().isPresent()) {
                    consumer.commitAsync(Map.copyOf(printedUpTo), null);
                }
            }
        } catch (WakeupException interrupted) {
            // Ctrl-C: stop quietly; the caller reports the count.
        } finally {
            printer.flush();
            commitPrinted();
        }
    }

    private void printAll(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (messagesPrinted >= plan.maxMessages()) {
                // The rest of the batch is not printed and, with a group, not committed either.
                return;
            }
            printer.print(record);
            messagesPrinted++;
            printedUpTo.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
    }

    private void position(List<TopicPartition> topicPartitions) {
        if (plan.groupId().isPresent()) {
            // The group's committed offsets decide, else auto.offset.reset (earliest with --from-beginning).
            consumer.subscribe(List.of(plan.topic()));
            return;
        }
        List<TopicPartition> assigned = plan.partition().isPresent()
                ? List.of(partition(topicPartitions, plan.partition().getAsInt()))
                : topicPartitions;
        consumer.assign(assigned);
        StartOffset start = plan.startOffset();
        switch (start.kind()) {
            case EARLIEST -> consumer.seekToBeginning(assigned);
            case LATEST -> consumer.seekToEnd(assigned);
            case AT -> assigned.forEach(tp -> consumer.seek(tp, start.offset()));
        }
    }

    private TopicPartition partition(List<TopicPartition> topicPartitions, int number) {
        return topicPartitions.stream()
                .filter(tp -> tp.partition() == number)
                .findFirst()
                .orElseThrow(() -> new CommandFailure("topic " + plan.topic() + " has no partition " + number
                        + " (it has " + topicPartitions.size() + ": 0.." + (topicPartitions.size() - 1) + ")"));
    }

    /** With a group, commits what was printed (never more), so a restart continues after it. */
    private void commitPrinted() {
        if (plan.groupId().isEmpty() || printedUpTo.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(printedUpTo), COMMIT_TIMEOUT);
        } catch (KafkaException e) { // a late wakeup included
            err.println("warning: could not commit the offsets of group " + plan.groupId().get()
                    + ": " + e.getMessage());
        }
    }
}
