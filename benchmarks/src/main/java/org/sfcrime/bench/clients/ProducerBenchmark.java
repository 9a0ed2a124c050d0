package org.sfcrime.bench.clients;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The producer benchmark, run by scripts/bench-producer.sh. */
@Command(name = "bench-producer", description = {
            "Measures the producer CLI (java -jar producer/target/producer.jar, shipped settings, no JVM flags) against "
                    + "Kafka's kafka-producer-perf-test sending the same records as --payload-file with the same "
                    + "config/producer.properties, and against a naive configuration of our producer "
                    + "(linger.ms=0, batch.size=16384, compression.type=none; acks=all and idempotence kept).",
            "Each round runs the three once, into fresh topics of one broker, in a rotating order. Prints every run, "
                    + "the medians, the ratios and peak resident memory against their targets on stdout (progress on "
                    + "stderr), and writes the same as CSV under --output-dir."})
public final class ProducerBenchmark extends ClientBenchmark {

    /** Kafka's defaults for batching and compression. */
    static final List<String> NAIVE_SETTINGS = List.of("linger.ms=0", "batch.size=16384", "compression.type=none");

    private static final String OURS = "ours";
    private static final String PERF_TOOL = "perf-tool";
    private static final String NAIVE = "naive";

    ProducerBenchmark() {
        super("producer", List.of(OURS, PERF_TOOL, NAIVE),
                "each client's own figure, JVM start-up excluded; ours/naive: the summary's elapsed (reading and "
                        + "parsing the file included), perf-tool: its records/sec (payload file read before its timer)",
                "ours/naive: send phase only (summary elapsed minus 'reading before the first send'); perf-tool: none");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBenchmark()).execute(args));
    }

    @Override
    Measurement measure(String client, int round) {
        String topic = "bench-producer-" + client + "-r" + round + "-" + System.currentTimeMillis();
        broker.create(topic, partitions);
        try {
            // perf-tool: the current option names; --command-config and --command-property are what
            // --producer.config and --producer-props (deprecated in Kafka 4) became
            Measurement measurement = client.equals(PERF_TOOL)
                    ? measure(client, round, List.of("bash", "scripts/kafka-producer-perf-test",
                            "--topic", topic, "--num-records", Integer.toString(data.records()), "--throughput", "-1",
                            "--payload-file", data.payloadFile().toString(), "--payload-delimiter", "\n",
                            "--command-config", perfToolConfig("producer"),
                            "--command-property", "bootstrap.servers=" + broker.bootstrapServers()),
                            child -> ToolOutput.producerPerfTest(child.stdout()))
                    : measure(client, round, ourProducer(topic, client.equals(NAIVE) ? NAIVE_SETTINGS : List.of()),
                            child -> ToolOutput.ourProducer(child.stderr()));
            expectAllRecordsIn(topic, Rounds.label(round) + ": " + client);
            return measurement;
        } finally {
            broker.deleteQuietly(topic);
        }
    }

    @Override
    List<Check> checks() {
        return List.of(ratio("ours / perf-tool, timed records/s", OURS, Measurement::recordsPerSecond, PERF_TOOL,
                        Measurement::recordsPerSecond, 1.0),
                ratio("ours / perf-tool, ours' send phase only", OURS, Measurement::altRecordsPerSecond, PERF_TOOL,
                        Measurement::recordsPerSecond, 0),
                // Whole processes, each reading its own file: the one timing in which both do the same job.
                ratio("ours / perf-tool, wall time", OURS, Measurement::wallRecordsPerSecond, PERF_TOOL,
                        Measurement::wallRecordsPerSecond, 0),
                ratio("ours / naive, timed records/s", OURS, Measurement::recordsPerSecond, NAIVE, Measurement::recordsPerSecond, 0),
                peakRss(OURS, 300));
    }
}
