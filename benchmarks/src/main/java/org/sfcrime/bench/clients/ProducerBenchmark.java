package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The three clients of each round. */
    enum Client {
        OURS("ours"), PERF_TOOL("perf-tool"), NAIVE("naive");

        final String label;

        Client(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBenchmark()).execute(args));
    }

    @Override
    String name() {
        return "producer";
    }

    @Override
    BenchmarkResult run() {
        BenchDataSet data = BenchDataSet.ensure(options.outputDirectory(), options.records, options.seed, progress);
        Measurer measurer = options.measurer();
        List<Measurement> runs = new ArrayList<>();
        try (BenchBroker broker = BenchBroker.start(progress);
             BenchTopics topics = new BenchTopics(broker.bootstrapServers())) {
            for (int round : options.allRounds().toArray()) {
                for (Client client : Rounds.order(List.of(Client.values()), round)) {
                    Measurement measurement = measure(client, round, data, broker.bootstrapServers(), topics, measurer);
                    if (Rounds.measured(round)) {
                        runs.add(measurement);
                    }
                }
            }
        }
        return new BenchmarkResult(
                String.format(Locale.ROOT, "producer: %,d records, mean value %.0f B, rounds: %d (after %d warm-up), "
                        + "partitions: %d", data.records(), data.meanValueBytes(), options.rounds, options.warmupRounds,
                        options.partitions),
                "each client's own figure, JVM start-up excluded; ours/naive: the summary's elapsed (reading and "
                        + "parsing the file included), perf-tool: its records/sec (payload file read before its timer)",
                "ours/naive: send phase only (summary elapsed minus 'reading before the first send'); perf-tool: none",
                data.meanValueBytes(), runs,
                List.of(BenchmarkResult.RatioTarget.timed(Client.OURS.label, Client.PERF_TOOL.label, RATIO_TARGET),
                        new BenchmarkResult.RatioTarget("ours / perf-tool, ours' send phase only", Client.OURS.label,
                                Measurement::altRecordsPerSecond, Client.PERF_TOOL.label,
                                Measurement::recordsPerSecond, 0),
                        // Whole processes, each reading its own file: the one timing in which both do the same job.
                        new BenchmarkResult.RatioTarget("ours / perf-tool, wall time", Client.OURS.label,
                                Measurement::wallRecordsPerSecond, Client.PERF_TOOL.label,
                                Measurement::wallRecordsPerSecond, 0),
                        BenchmarkResult.RatioTarget.timed(Client.OURS.label, Client.NAIVE.label, 0)),
                List.of(new BenchmarkResult.RssTarget(Client.OURS.label, RSS_TARGET_MB)));
    }

    /** One run into a fresh topic, deleted afterwards; checks that every record arrived. */
    private Measurement measure(Client client, int round, BenchDataSet data, String bootstrapServers, BenchTopics topics,
                                Measurer measurer) {
        String topic = "bench-producer-" + client.label + "-r" + round + "-" + System.currentTimeMillis();
        String label = Rounds.label(round) + ": " + client.label;
        topics.create(topic, options.partitions);
        try {
            Measurement measurement = switch (client) {
                case OURS -> ourProducer(client, round, data, topic, bootstrapServers, List.of(), measurer, label);
                case NAIVE -> ourProducer(client, round, data, topic, bootstrapServers, NAIVE_SETTINGS, measurer, label);
                case PERF_TOOL -> perfTool(round, data, topic, bootstrapServers, measurer, label);
            };
            long inTopic = topics.messages(topic, options.partitions);
            if (inTopic != data.records()) {
                throw new BenchFailure(label + " left " + inTopic + " messages in " + topic + ", not " + data.records());
            }
            progress.printf(Locale.ROOT, "  %s: %,.0f records/s%n", label, measurement.recordsPerSecond());
            return measurement;
        } finally {
            topics.deleteQuietly(topic);
        }
    }

    private Measurement ourProducer(Client client, int round, BenchDataSet data, String topic, String bootstrapServers,
                                    List<String> overrides, Measurer measurer, String label) {
        ChildRun.Result result = measurer.measure(label,
                ClientCommands.ourProducer(options.producerJar, data.callsFile(), topic, bootstrapServers, overrides));
        if (result.exitCode() != 0) {
            throw new BenchFailure(label + ": the producer exited with " + result.exitCode() + ": " + result.tail());
        }
        ProducerSummary summary = ProducerSummary.parse(result.stderr());
        if (summary.sent() != data.records() || summary.acknowledged() != data.records()) {
            throw new BenchFailure(label + ": the producer sent " + summary.sent() + " and had "
                    + summary.acknowledged() + " acknowledged, not " + data.records());
        }
        return new Measurement(client.label, round, summary.sent(), summary.elapsedSeconds(), summary.sendingSeconds(),
                result.wallSeconds(), result.peakRssBytes());
    }

    private Measurement perfTool(int round, BenchDataSet data, String topic, String bootstrapServers, Measurer measurer,
                                 String label) {
        ChildRun.Result result = measurer.measure(label,
                ClientCommands.producerPerfTest(data.payloadFile(), data.records(), topic, bootstrapServers));
        if (result.exitCode() != 0) {
            throw new BenchFailure(label + ": kafka-producer-perf-test exited with " + result.exitCode() + ": "
                    + result.tail());
        }
        ProducerPerfResult perf = ProducerPerfResult.parse(result.stdout());
        if (perf.records() != data.records()) {
            throw new BenchFailure(label + ": kafka-producer-perf-test sent " + perf.records() + ", not " + data.records());
        }
        return new Measurement(Client.PERF_TOOL.label, round, perf.records(), perf.seconds(), Double.NaN,
                result.wallSeconds(), result.peakRssBytes());
    }
}
