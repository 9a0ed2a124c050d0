package org.sfcrime.consumer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.MalformedCallFileException;

/**
 * Runs verify mode: reads the calls file, checks the topic, hands a consumer to
 * {@link DeliveryVerifier}, writes its report to stdout and a one-line verdict to stderr.
 */
final class VerifyMode {

    private final PrintWriter out;
    private final PrintWriter err;

    /** @param out where the report goes (stdout); @param err where progress and the verdict go (stderr) */
    VerifyMode(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @return {@link ExitCodes#OK} when the delivery is exact, {@link ExitCodes#FAILURE} when it is not,
     *         {@link ExitCodes#INTERRUPTED} after a signal
     * @throws CommandFailure when the file cannot be read, the topic not found or the deadline expires
     */
    int run(Verification verification, ClientSettings settings, boolean printSettings, Duration reachTimeout) {
        Deadline deadline = Deadline.after(verification.timeout());
        // Verify mode never joins a group nor commits, and reads from the log start.
        ClientSettings verifier = ConsumerClients.withClientId(settings, "sfcrime-delivery-verifier")
                .without(ConsumerConfig.GROUP_ID_CONFIG)
                .with(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConsumerClients.printSettings(printSettings, verifier, err);
        List<TopicPartition> partitions = new ArrayList<>();
        ExpectedCalls expected = readExpected(verification.file(), () -> partitions.addAll(
                ConsumerClients.partitions(verifier, verification.topic(), deadline.remainingAtMost(reachTimeout))));
        KafkaConsumer<byte[], byte[]> consumer = ConsumerClients.open(verifier);
        ShutdownRequest shutdown = ConsumerClients.wakeUpOnSignal(consumer);
        DeliveryReport report;
        try {
            report = new DeliveryVerifier(consumer, verification, err).verify(expected, partitions, deadline);
        } catch (WakeupException interrupted) {
            err.println("Interrupted: no report");
            return ExitCodes.INTERRUPTED;
        } finally {
            ConsumerClients.close(consumer, err);
            err.flush();
            shutdown.close();
        }
        ReportWriter.write(report, verification.reportFormat(), out);
        DeliveryReport.Totals totals = report.totals();
        err.printf(Locale.ROOT, "Verified %d messages against %d records in %.1f s (%.0f messages/s): %s%n",
                totals.consumed(), totals.expected(), totals.elapsedMs() / 1000.0,
                totals.consumed() * 1000.0 / Math.max(1, totals.elapsedMs()),
                report.exact() ? "delivery is exact" : "delivery is NOT exact");
        return report.exact() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Opens the file, runs the broker check, then reads the file: as every component, the verifier
     * checks the broker before its work, yet a missing file still fails at once.
     */
    private ExpectedCalls readExpected(String file, Runnable brokerCheck) {
        try (CallFileReader reader = CallFileReader.open(file)) {
            brokerCheck.run();
            long started = System.nanoTime();
            ExpectedCalls expected = ExpectedCalls.read(reader);
            err.printf(Locale.ROOT, "Read %d valid records from %s (%d invalid, skipped) in %.1f s%n",
                    expected.records(), file, expected.skippedInFile().count(), (System.nanoTime() - started) / 1e9);
            return expected;
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read " + file + ": no such file");
        } catch (MalformedCallFileException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        }
    }
}
