package org.sfcrime.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sfcrime.testing.KafkaBroker;

/**
 * A broker on free loopback ports for one benchmark or study, stopped however it ends: by close on
 * the normal path, or by a shutdown hook after Ctrl-C or a kill (the broker runs detached, under
 * setsid, and would otherwise outlive us).
 */
public final class BenchBroker implements AutoCloseable {

    private final KafkaBroker broker;
    private final Thread stopOnExit = new Thread(this::stop, "stop-bench-broker");
    private final AtomicBoolean stopped = new AtomicBoolean();

    private BenchBroker(KafkaBroker broker) {
        this.broker = broker;
    }

    /** @throws BenchFailure when the broker does not start */
    public static BenchBroker start(PrintStream progress) {
        progress.println("starting a Kafka broker on free loopback ports");
        try {
            BenchBroker bench = new BenchBroker(KafkaBroker.start());
            Runtime.getRuntime().addShutdownHook(bench.stopOnExit);
            return bench;
        } catch (RuntimeException | AssertionError e) {
            throw new BenchFailure("could not start a broker: " + BenchFailure.oneLine(e), e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs (or ran) stop itself
        }
        stop();
    }

    /** Stops the broker and deletes its folder, once. */
    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            broker.close();
        }
    }
}
