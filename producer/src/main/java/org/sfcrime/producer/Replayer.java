package org.sfcrime.producer;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

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
    private final ReplayConfig config;
    private NanoClock clock = NanoClock.SYSTEM;
    private BooleanSupplier stopRequested = () -> false;
    private ProgressReporter progress = ProgressReporter.SILENT;

    public Replayer(Producer<byte[], byte[]> producer, ReplayConfig config) {
        this.producer = producer;
        this.config = config;
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

    public ReplaySummary replay(String sourceName, CallSource source) {
        DeliveryTracker tracker = new DeliveryTracker();
        Pacer pacer = Pacer.forConfig(config, clock);
        long startNanos = clock.nanoTime();
        long firstSendNanos = -1;
        long taken = 0;
        long skippedByOption = 0;
        long sent = 0;
        long sentBytes = 0;
        long expected = -1;
        String stopError = null;
        boolean interrupted = false;
        try {
            while (sent < config.limit() && !tracker.anyFailed()) {
                if (stopRequested.getAsBoolean()) {
                    interrupted = true;
                    break;
                }
                ReplayCall call = source.next();
                if (call == null) {
                    break;
                }
                if (skippedByOption < config.skip()) {
                    taken++;
                    skippedByOption++;
                    continue;
                }
                if (firstSendNanos < 0) {
                    firstSendNanos = clock.nanoTime();
                    expected = expectedSends(source);
                }
                if (!pacer.awaitTurn(call.eventTimeMillis(), stopRequested)) {
                    interrupted = true;
                    break;
                }
                taken++;
                send(call, tracker);
                sent++;
                sentBytes += call.sizeBytes();
                progress.update(sent, expected, source.pass());
            }
        } catch (IOException e) {
            stopError = e.getMessage();
        }
        progress.finish();
        String closeError = flushAndClose(interrupted);
        if (stopError == null) {
            stopError = closeError;
        }
        long endNanos = clock.nanoTime();
        return new ReplaySummary(sourceName, config.topic(), taken + source.invalidCount(), sent,
                tracker.acknowledged(), tracker.failed(), source.invalidCount(), skippedByOption, source.pass(),
                source.shiftPerPass(), endNanos - startNanos, (firstSendNanos < 0 ? endNanos : firstSendNanos) - startNanos,
                sentBytes, tracker.firstFailure(), stopError, interrupted);
    }

    private void send(ReplayCall call, DeliveryTracker tracker) {
        try {
            producer.send(new ProducerRecord<>(config.topic(), call.key(), call.value()), tracker);
        } catch (KafkaException | IllegalStateException e) {
            // a send refused on the spot (buffer full past max.block.ms, producer closed) is a failed send too
            tracker.onCompletion(null, e);
        }
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
            producer.close(Duration.ofMillis(config.timeoutMs()));
        } catch (KafkaException e) {
            error = error != null ? error : "closing the producer failed: " + e.getMessage();
        }
        return error;
    }

    private long expectedSends(CallSource source) {
        long perPass = source.callsPerPass();
        if (config.loop() || perPass < 0) {
            return config.hasLimit() ? config.limit() : -1;
        }
        return Math.min(config.limit(), Math.max(0, perPass - config.skip()));
    }
}
