package org.sfcrime.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ConfigFileOption;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.OptionDefaults;
import org.sfcrime.cli.ProjectVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays the San Francisco police calls-for-service file into Kafka, in event-time order by
 * default. This class holds the Kafka options and checks the command line; {@link ReplayRun}
 * wires the clients and {@link Replayer} does the work.
 *
 * <pre>
 * java -jar producer/target/producer.jar --input data/police-department-calls-for-service.json --rate 1000
 * </pre>
 */
@Command(name = "producer",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Replays police calls-for-service (a JSON array or newline-delimited JSON, optionally gzipped)"
                        + " into a Kafka topic: key = crime_id, value = the record as compact JSON.",
                "By default the records are sent in ascending call_date_time (the file is newest first), so event"
                        + " time only moves forward. Invalid records are skipped and counted, and do not fail the"
                        + " run unless --strict is given.",
                "Nothing is printed on stdout (except rejects with --rejects -); progress and the summary go to stderr.",
                ""},
        footer = {
                "",
                "Option defaults, later wins: config/pipeline.properties < config/producer.properties (both built into the jar)"
                        + " < --config FILE.",
                "Client settings, later wins: the kafka.* keys of those files < --producer-config FILE"
                        + " < --producer-property KEY=VALUE < --bootstrap-server. Secret values are never printed.",
                "",
                ExitCodes.HELP,
                "Failure at run time: broker or topic missing, failed sends, broken JSON, invalid record with --strict."
                        + " Stopped by a signal, the producer flushes what is in flight and prints its summary.",
                "",
                "Example: java -jar producer/target/producer.jar --rate 1000 --create-topic"})
public final class ProducerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOption configFile;

    @Mixin
    final ReplayOptions replay = new ReplayOptions();

    /** Null: bootstrap.servers of the client settings. */
    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka to connect to. Default: bootstrap.servers of the client settings"
                    + " (kafka.bootstrap.servers of config/pipeline.properties as shipped).")
    String bootstrapServer;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Topic to write to. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--create-topic",
            description = "Create the topic when it is missing (with the cluster's default replication factor)"
                    + " instead of failing.")
    boolean createTopic;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of a topic created with --create-topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    /** Null: none. */
    @Option(names = "--producer-config", paramLabel = "FILE",
            description = "Kafka producer properties file (security settings included).")
    Path producerConfig;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka producer property; repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "How long to wait for the broker to answer at the start, and for in-flight records"
                    + " when stopped. Default: ${DEFAULT-VALUE}.")
    long timeoutMs;

    @Option(names = "--print-settings",
            description = "Print the effective client settings (secrets hidden) before starting.")
    boolean printSettings;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new ProducerCommand(), "producer", args));
    }

    @Override
    public Integer call() {
        replay.validate();
        replay.require(topic != null && !topic.isBlank(), "--topic must not be empty");
        replay.require(timeoutMs > 0, "--timeout-ms must be > 0, got " + timeoutMs);
        replay.require(partitions > 0, "--partitions must be > 0, got " + partitions);
        try {
            return new ReplayRun(this, spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
        } catch (OutOfMemoryError e) {
            throw new CommandFailure(OutOfMemoryAdvice.message(replay.input, replay.order, Runtime.getRuntime().maxMemory()));
        }
    }

    /** The kafka.* settings of the option-default files: the first layer of the client settings. */
    Map<String, String> clientDefaults() {
        return OptionDefaults.of(spec).clientSettings();
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }
}
