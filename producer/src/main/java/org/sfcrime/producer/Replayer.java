package org.sfcrime.producer;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.sfcrime.cli.KafkaFailures;

/**
 * Sends the calls of a {@link CallSource} to one topic with the producer it is handed, paced as
 * configured, and accounts for every record.
 *
 * <p>The replay ends at the end of the input, after --limit records, at the first failed send,
 * when the input breaks off (after everything before the break was sent) or on a stop request.
 * Then it flushes (unless stopped), closes the producer within the configured timeout (which
 * fails what is still unacknowledged) and returns the counts, final because the producer is closed.
 */
public final class Replayer {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final ReplayOptions options;
    private final Duration closeTimeout;
    private NanoClock clock = NanoClock.SYSTEM;
    private BooleanSupplier stopRequested = () -> false;
    private ProgressReporter progress = ProgressReporter.SILENT;
    private KafkaFailures failures;

    /** @param closeTimeout how long closing the producer may wait for in-flight records */
    public Replayer(Producer<byte[], byte[]> producer, String topic, ReplayOptions options, Duration closeTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.options = options;
        this.closeTimeout = closeTimeout;
    }

    /** The clock that paces and times the replay. */
    public Replayer withClock(NanoClock value) {
        clock = value;
        return this;
    }

    /** Polled between records and while waiting for a record's turn. */
    public Replayer withStopSignal(BooleanSupplier value) {
        stopRequested = value;
        return this;
    }

    Replayer withProgress(ProgressReporter value) {
        progress = value;
        return this;
    }

    /** Explains a send refused for security reasons ("user X is not authorized to write topic T"). */
    Replayer withFailures(KafkaFailures value) {
        failures = value;
        return this;
    }

    public ReplaySummary replay(String sourceName, CallSource source) {
        ReplaySummary summary = new ReplaySummary(sourceName, topic);
        DeliveryTracker tracker = new DeliveryTracker(this::reason);
        Pacer pacer = Pacer.forOptions(options, clock);
        long startNanos = clock.nanoTime();
        long firstSendNanos = -1;
        long taken = 0;
        long expected = -1;
        try {
            while (summary.sent < options.limitOrMax() && !tracker.anyFailed()) {
                if (stopRequested.getAsBoolean()) {
                    summary.interrupted = true;
                    break;
                }
                ReplayCall call = source.next();
                if (call == null) {
                    break;
                }
                if (summary.skippedByOption < options.skip) {
                    taken++;
                    summary.skippedByOption++;
                    continue;
                }
                if (firstSendNanos < 0) {
                    firstSendNanos = clock.nanoTime();
                    expected = expectedSends(source);
                }
                if (!pacer.awaitTurn(call.eventTimeMillis(), stopRequested)) {
                    summary.interrupted = true;
                    break;
                }
                taken++;
                send(call, tracker);
                summary.sent++;
                summary.sentBytes += call.sizeBytes();
                progress.update(summary.sent, expected, source.pass());
            }
        } catch (IOException e) {
            summary.stopError = e.getMessage();
        }
        progress.finish();
        String closeError = flushAndClose(summary.interrupted);
        if (summary.stopError == null) {
            summary.stopError = closeError;
        }
        long endNanos = clock.nanoTime();
        summary.invalid = source.invalidCount();
        summary.read = taken + summary.invalid;
        summary.acknowledged = tracker.acknowledged();
        summary.failed = tracker.failed();
        summary.firstFailure = tracker.firstFailure();
        summary.passes = source.pass();
        summary.shiftPerPass = source.shiftPerPass();
        summary.elapsedNanos = endNanos - startNanos;
        summary.readingNanos = (firstSendNanos < 0 ? endNanos : firstSendNanos) - startNanos;
        return summary;
    }

    private void send(ReplayCall call, DeliveryTracker tracker) {
        Callback callback = tracker.forSend();
        try {
            producer.send(new ProducerRecord<>(topic, call.key(), call.value()), callback);
        } catch (KafkaException | IllegalStateException e) {
            // a send refused on the spot (buffer full past max.block.ms, producer closed) is a failed send too
            callback.onCompletion(null, e);
        }
    }

    private String reason(Exception failure) {
        return failures == null ? DeliveryTracker.plainReason(failure)
                : failures.explain(failure, "write", topic).orElseGet(() -> DeliveryTracker.plainReason(failure));
    }

    /** Flushing waits for every in-flight record (bounded by delivery.timeout.ms); a stop skips it. */
    private String flushAndClose(boolean interrupted) {
        String error = null;
        try {
            if (!interrupted) {
                producer.flush();
            }
        } catch (KafkaException e) {
            error = "flushing the producer failed: " + e.getMessage();
        }
        try {
            producer.close(closeTimeout);
        } catch (KafkaException e) {
            error = error != null ? error : "closing the producer failed: " + e.getMessage();
        }
        return error;
    }

    private long expectedSends(CallSource source) {
        long perPass = source.callsPerPass();
        if (options.loop || perPass < 0) {
            return options.limit != null ? options.limit : -1;
        }
        return Math.min(options.limitOrMax(), Math.max(0, perPass - options.skip));
    }
}
