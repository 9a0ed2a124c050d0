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
 * The consumer benchmark: our delivery verifier against Kafka's kafka-consumer-perf-test, both
 * reading one topic that holds the data set (loaded once by our producer), as separate processes
 * against one real broker, alternating for several rounds.
 *
 * <p>Usage: {@code scripts/bench-consumer.sh [--rounds 3] [--records 200000]}
 */
@Command(name = "bench-consumer", mixinStandardHelpOptions = true,
        description = {
            "Measures the delivery verifier (java -Xmx160m -jar consumer/target/consumer.jar --verify FILE "
                    + "--report json) against Kafka's kafka-consumer-perf-test reading the same topic with the same "
                    + "config/consumer.properties (its --fetch-size set to the shipped max.partition.fetch.bytes).",
            "The topic is loaded once by our producer; each round runs both once, in a rotating order, each run "
                    + "holding the machine-wide lock file. Prints every run, the medians, the ratio and peak "
                    + "resident memory against their targets on stdout (progress on stderr), and writes the same "
                    + "as CSV under --output-dir."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every run completed (a missed target is reported, not an error).",
            "1:A run failed, timed out or read the wrong number of records; the broker could not start.",
            "2:Invalid usage."})
public final class ConsumerBenchmark extends ClientBenchmark {

    private static final double RATIO_TARGET = 0.8;
    private static final double RSS_TARGET_MB = 300;
    private static final String OURS = "ours";
    private static final String PERF_TOOL = "perf-tool";

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsumerBenchmark()).execute(args));
    }

    @Override
    String name() {
        return "consumer";
    }

    @Override
    BenchmarkResult run(DataSet data, BenchBroker broker, Topics topics) {
        List<Measurement> runs = new ArrayList<>();
        String topic = "bench-consumer-calls-" + System.currentTimeMillis();
        String bootstrapServers = broker.bootstrapServers();
        topics.create(topic, options.partitions);
        try {
            load(data, topic, bootstrapServers, topics);
            for (int round : options.allRounds().toArray()) {
                for (String client : Rounds.order(List.of(OURS, PERF_TOOL), round)) {
                    Measurement measurement = client.equals(OURS)
                            ? measure(OURS, round, "the verifier", ClientCommands.ourVerifier(options.consumerJar, data.callsFile(),
                                    topic, bootstrapServers, options.runTimeoutSeconds * 1000),
                                    child -> ToolOutput.ourVerifier(child.stdout(), child.stderr(), data.records()))
                            : measure(PERF_TOOL, round, "kafka-consumer-perf-test", ClientCommands.consumerPerfTest(topic,
                                    data.records(), bootstrapServers, "bench-perf-r" + round + "-" + System.currentTimeMillis()),
                                    child -> checked(ToolOutput.consumerPerfTest(child.stdout()), data.records()));
                    if (Rounds.measured(round)) {
                        runs.add(measurement);
                    }
                }
            }
        } finally {
            topics.deleteQuietly(topic);
        }
        return new BenchmarkResult(
                new BenchmarkResult.Legend(title(data),
                "JVM start-up excluded; ours: the report's elapsed_ms (the topic read with offset look-ups, checking "
                        + "every record; reading the file excluded), perf-tool: fetch.nMsg.sec (without its group join)",
                "ours: reading and parsing the file plus the topic read; perf-tool: nMsg.sec (its group join included)",
                data.meanValueBytes()),
                runs,
                List.of(BenchmarkResult.RatioTarget.timed(OURS, PERF_TOOL, RATIO_TARGET),
                        new BenchmarkResult.RatioTarget("ours / perf-tool, both with their set-up (alt rec/s)", OURS,
                                Measurement::altRecordsPerSecond, PERF_TOOL, Measurement::altRecordsPerSecond, 0)),
                List.of(new BenchmarkResult.RssTarget(OURS, RSS_TARGET_MB)));
    }

    /** Fills the topic once with our producer (under the lock: it loads the machine like a measurement). */
    private void load(DataSet data, String topic, String bootstrapServers, Topics topics) {
        run("loading " + topic + " with our producer (not measured)", "the producer",
                ClientCommands.ourProducer(options.producerJar, data.callsFile(), topic, bootstrapServers, List.of()));
        long inTopic = topics.messages(topic, options.partitions);
        if (inTopic != data.records()) {
            throw new BenchFailure("loading left " + inTopic + " messages in " + topic + ", not " + data.records());
        }
    }

    private static ToolOutput.Timed checked(ToolOutput.Timed perf, long expected) {
        if (perf.records() != expected) {
            throw new BenchFailure("kafka-consumer-perf-test read " + perf.records() + " messages, not " + expected);
        }
        return perf;
    }
}
