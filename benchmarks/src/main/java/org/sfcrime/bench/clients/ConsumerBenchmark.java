package org.sfcrime.bench.clients;

import java.util.List;
import org.sfcrime.testing.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The consumer benchmark, run by scripts/bench-consumer.sh. */
@Command(name = "bench-consumer", description = {
            "Measures the delivery verifier (java -jar consumer/target/consumer.jar --verify FILE "
                    + "--report json) against Kafka's kafka-consumer-perf-test reading the same topic with the same "
                    + "config/consumer.properties (its --fetch-size set to the shipped max.partition.fetch.bytes).",
            "The topic is loaded once by our producer; each round runs both once, in a rotating order. Prints every "
                    + "run, the medians, the ratio and peak resident memory against their targets on stdout (progress "
                    + "on stderr), and writes the same as CSV under --output-dir."})
public final class ConsumerBenchmark extends ClientBenchmark {

    private static final String OURS = "ours";
    private static final String PERF_TOOL = "perf-tool";

    private final String topic = "bench-consumer-calls-" + System.currentTimeMillis();

    ConsumerBenchmark() {
        super("consumer", List.of(OURS, PERF_TOOL),
                "JVM start-up excluded; ours: the report's elapsed_ms (the topic read with offset look-ups, checking "
                        + "every record; reading the file excluded), perf-tool: fetch.nMsg.sec (without its group join)",
                "ours: reading and parsing the file plus the topic read; perf-tool: nMsg.sec (its group join included)");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsumerBenchmark()).execute(args));
    }

    @Override
    void prepare() {
        broker.create(topic, partitions);
        run("loading " + topic + " with our producer (not measured)", ourProducer(topic, List.of()));
        expectAllRecordsIn(topic, "loading");
    }

    /**
     * The perf tool overwrites max.partition.fetch.bytes with its --fetch-size (1 MB by default), so the
     * shipped value is passed there too; it sets its own group and reads from the earliest offset.
     */
    @Override
    Measurement measure(String client, int round) {
        return client.equals(OURS)
                ? measure(OURS, round, Commands.java("-jar", consumerJar.toString(),
                        "--verify", data.callsFile().toString(), "--topic", topic, "--bootstrap-server", broker.bootstrapServers(),
                        "--report", "json", "--timeout-ms", Long.toString(runTimeoutSeconds * 1000)),
                        child -> ToolOutput.ourVerifier(child.stdout(), child.stderr()))
                : measure(PERF_TOOL, round, List.of("bash", "scripts/kafka-consumer-perf-test",
                        "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                        "--num-records", Integer.toString(data.records()),
                        "--group", "bench-perf-r" + round + "-" + System.currentTimeMillis(),
                        "--command-config", perfToolConfig("consumer"), "--fetch-size",
                        shippedClientSettings("consumer").getProperty("max.partition.fetch.bytes", "1048576"), "--timeout", "30000"),
                        child -> ToolOutput.consumerPerfTest(child.stdout()));
    }

    @Override
    List<Check> checks() {
        return List.of(ratio("ours / perf-tool, timed records/s", OURS, Measurement::recordsPerSecond, PERF_TOOL,
                        Measurement::recordsPerSecond, 0.8),
                ratio("ours / perf-tool, both with their set-up (alt rec/s)", OURS, Measurement::altRecordsPerSecond, PERF_TOOL,
                        Measurement::altRecordsPerSecond, 0),
                peakRss(OURS, 300));
    }
}
