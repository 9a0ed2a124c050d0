package org.sfcrime.bench.clients;

import java.util.ArrayList;
import java.util.List;
import org.sfcrime.bench.BenchBroker;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.DataSet;
import org.sfcrime.bench.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The producer benchmark: our producer against Kafka's kafka-producer-perf-test over the same
 * records with the same client settings, and against a naive configuration of itself, each run
 * as a separate process against one real broker, alternating for several rounds.
 *
 * <p>Usage: {@code scripts/bench-producer.sh [--rounds 3] [--records 200000]}
 */
@Command(name = "bench-producer", mixinStandardHelpOptions = true,
        description = {
            "Measures the producer CLI (java -Xmx128m -jar producer/target/producer.jar, shipped settings) against "
                    + "Kafka's kafka-producer-perf-test sending the same records as --payload-file with the same "
                    + "config/producer.properties, and against a naive configuration of our producer "
                    + "(linger.ms=0, batch.size=16384, compression.type=none; acks=all and idempotence kept).",
            "Each round runs the three once, into fresh topics of one broker, in a rotating order; each run holds "
                    + "the machine-wide lock file. Prints every run, the medians, the ratios and peak resident "
                    + "memory against their targets on stdout (progress on stderr), and writes the same as CSV "
                    + "under --output-dir."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every run completed (a missed target is reported, not an error).",
            "1:A run failed, timed out or delivered the wrong number of records; the broker could not start.",
            "2:Invalid usage."})
public final class ProducerBenchmark extends ClientBenchmark {

    /** What the shipped settings are compared with: Kafka's defaults for batching and compression. */
    static final List<String> NAIVE_SETTINGS = List.of("linger.ms=0", "batch.size=16384", "compression.type=none");

    private static final double RATIO_TARGET = 1.0;
    private static final double RSS_TARGET_MB = 300;
    private static final String OURS = "ours";
    private static final String PERF_TOOL = "perf-tool";
    private static final String NAIVE = "naive";

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBenchmark()).execute(args));
    }

    @Override
    String name() {
        return "producer";
    }

    @Override
    BenchmarkResult run(DataSet data, BenchBroker broker, Topics topics) {
        List<Measurement> runs = new ArrayList<>();
        for (int round : options.allRounds().toArray()) {
            for (String client : Rounds.order(List.of(OURS, PERF_TOOL, NAIVE), round)) {
                Measurement measurement = measure(client, round, data, broker.bootstrapServers(), topics);
                if (Rounds.measured(round)) {
                    runs.add(measurement);
                }
            }
        }
        return new BenchmarkResult(
                new BenchmarkResult.Legend(title(data),
                "each client's own figure, JVM start-up excluded; ours/naive: the summary's elapsed (reading and "
                        + "parsing the file included), perf-tool: its records/sec (payload file read before its timer)",
                "ours/naive: send phase only (summary elapsed minus 'reading before the first send'); perf-tool: none",
                data.meanValueBytes()),
                runs,
                List.of(BenchmarkResult.RatioTarget.timed(OURS, PERF_TOOL, RATIO_TARGET),
                        new BenchmarkResult.RatioTarget("ours / perf-tool, ours' send phase only", OURS,
                                Measurement::altRecordsPerSecond, PERF_TOOL, Measurement::recordsPerSecond, 0),
                        // Whole processes, each reading its own file: the one timing in which both do the same job.
                        new BenchmarkResult.RatioTarget("ours / perf-tool, wall time", OURS,
                                Measurement::wallRecordsPerSecond, PERF_TOOL, Measurement::wallRecordsPerSecond, 0),
                        BenchmarkResult.RatioTarget.timed(OURS, NAIVE, 0)),
                List.of(new BenchmarkResult.RssTarget(OURS, RSS_TARGET_MB)));
    }

    /** One run into a fresh topic, deleted afterwards; checks that every record arrived. */
    private Measurement measure(String client, int round, DataSet data, String bootstrapServers, Topics topics) {
        String topic = "bench-producer-" + client + "-r" + round + "-" + System.currentTimeMillis();
        topics.create(topic, options.partitions);
        try {
            Measurement measurement = client.equals(PERF_TOOL)
                    ? measure(client, round, "kafka-producer-perf-test",
                            ClientCommands.producerPerfTest(data.payloadFile(), data.records(), topic, bootstrapServers),
                            child -> checked(ToolOutput.producerPerfTest(child.stdout()), data.records()))
                    : measure(client, round, "the producer",
                            ClientCommands.ourProducer(options.producerJar, data.callsFile(), topic, bootstrapServers,
                                    client.equals(NAIVE) ? NAIVE_SETTINGS : List.of()),
                            child -> ToolOutput.ourProducer(child.stderr(), data.records()));
            long inTopic = topics.messages(topic, options.partitions);
            if (inTopic != data.records()) {
                throw new BenchFailure(Rounds.label(round) + ": " + client + " left " + inTopic + " messages in " + topic
                        + ", not " + data.records());
            }
            return measurement;
        } finally {
            topics.deleteQuietly(topic);
        }
    }

    private static ToolOutput.Timed checked(ToolOutput.Timed perf, long expected) {
        if (perf.records() != expected) {
            throw new BenchFailure("kafka-producer-perf-test sent " + perf.records() + ", not " + expected);
        }
        return perf;
    }
}
