package org.sfcrime.bench.clients;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sfcrime.testing.KafkaBroker;

/**
 * A broker for one benchmark that is stopped however the benchmark ends: by close on the normal
 * path, or by a shutdown hook after Ctrl-C or a kill (the broker runs detached, under setsid, and
 * would otherwise outlive us).
 */
final class BenchBroker implements AutoCloseable {

    private final KafkaBroker broker;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private BenchBroker(KafkaBroker broker) {
        this.broker = broker;
        this.stopOnExit = new Thread(this::stop, "stop-bench-broker");
    }

    static BenchBroker start(PrintStream progress) {
        progress.println("starting a Kafka broker on free loopback ports");
        BenchBroker bench = new BenchBroker(KafkaBroker.start());
        Runtime.getRuntime().addShutdownHook(bench.stopOnExit);
        return bench;
    }

    String bootstrapServers() {
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
