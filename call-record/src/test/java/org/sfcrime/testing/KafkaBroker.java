package org.sfcrime.testing;

/**
 * A real Kafka broker process for tests: a {@link KafkaCluster} of one node, started and stopped
 * with the project's own scripts/start.sh and scripts/stop.sh on free loopback ports and a
 * temporary folder.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaCluster cluster;

    private KafkaBroker(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker and creates no topic (tests create what they need). */
    public static KafkaBroker start() {
        return new KafkaBroker(KafkaCluster.start(1));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates a topic (if missing) with the Kafka CLI from the same jars. */
    public void createTopic(String topic, int partitions) {
        cluster.createTopic(topic, partitions);
    }

    /** Kills the broker process without letting it shut down cleanly, as a crash would. */
    public void kill() {
        if (cluster.isRunning(1)) {
            cluster.kill(1);
        }
    }

    /** Starts the broker again on the same ports and data folder, e.g. after {@link #kill()}. */
    public void restart() {
        cluster.restart(1);
    }

    public java.nio.file.Path logFile() {
        return cluster.logFile(1);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
