package org.sfcrime.producer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.AppInfoParser;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.cli.UsageErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Replays the San Francisco police calls-for-service file into Kafka, in event-time order by
 * default. This class only parses the command line; {@link ReplayConfig} validates it and
 * {@link Replayer} does the work.
 *
 * <pre>
 * java -jar producer/target/producer.jar --input data/police-department-calls-for-service.json --rate 1000
 * </pre>
 */
@Command(name = "producer",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerCommand.Version.class,
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
                "Client settings, later wins: the shipped producer.properties < --producer-config FILE"
                        + " < --producer-property KEY=VALUE < --bootstrap-server. Secret values are never printed.",
                "",
                "Exit status: 0 every sent record was acknowledged; 1 failure at run time (broker or topic missing,"
                        + " failed sends, broken JSON, invalid record with --strict); 2 usage error;"
                        + " 130/143 stopped by SIGINT/SIGTERM (in-flight records are flushed and the summary printed).",
                "",
                "Example: java -jar producer/target/producer.jar --rate 1000 --create-topic"})
public final class ProducerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = ReplayConfig.DEFAULT_INPUT,
            description = "The calls file, relative to the working directory; '-' reads standard input."
                    + " JSON array or NDJSON, gzip detected from the content. Default: ${DEFAULT-VALUE}.")
    private String input;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka to connect to. Default: bootstrap.servers of the client settings"
                    + " (localhost:9092 as shipped).")
    private String bootstrapServer;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = CallRecordFormat.DEFAULT_TOPIC,
            description = "Topic to write to. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--create-topic",
            description = "Create the topic when it is missing (replication factor 1) instead of failing.")
    private boolean createTopic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + ReplayConfig.DEFAULT_PARTITIONS,
            description = "Partitions of a topic created with --create-topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "event-time", converter = OrderConverter.class,
            description = "event-time: ascending call_date_time, ties in file order (reads the whole file first);"
                    + " file: as in the file, streamed. Default: ${DEFAULT-VALUE}.")
    private ReplayOrder order;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Records per second; 0 sends as fast as the broker takes them. Default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--speedup", paramLabel = "X", defaultValue = "0",
            description = "Replay the time between consecutive calls X times faster (60 = one hour of calls per"
                    + " minute); 0 = off. Not with --rate or --order file. Default: ${DEFAULT-VALUE}.")
    private double speedup;

    @Option(names = "--loop",
            description = "Replay again and again until stopped or --limit; each pass is shifted forward by the"
                    + " file's time span (last - first call + 1 minute), written into the date fields."
                    + " Not with --order file.")
    private boolean loop;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0",
            description = "Pass over the first N valid records in replay order. Default: ${DEFAULT-VALUE}.")
    private long skip;

    @Option(names = "--limit", paramLabel = "N",
            description = "Stop after sending N records (counted over all passes with --loop). Default: all.")
    private Long limit;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Write each invalid record as one JSON line {\"index\":N,\"reason\":\"...\"}; '-' = stdout.")
    private String rejects;

    @Option(names = "--strict",
            description = "Stop at the first invalid record (exit 1) instead of skipping it.")
    private boolean strict;

    @Option(names = "--producer-config", paramLabel = "FILE",
            description = "Kafka producer properties file (security settings included).")
    private Path producerConfig;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka producer property; repeatable.")
    private Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "" + ReplayConfig.DEFAULT_TIMEOUT_MS,
            description = "How long to wait for the broker to answer at the start, and for in-flight records"
                    + " when stopped. Default: ${DEFAULT-VALUE}.")
    private long timeoutMs;

    @Option(names = {"-v", "--verbose"},
            description = "Print the effective client settings (secrets hidden) before starting.")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(UsageErrorHandler.install(new CommandLine(new ProducerCommand())).execute(args));
    }

    @Override
    public Integer call() {
        return new ReplayRun(toConfig(), spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
    }

    /** Options that are out of range or do not combine are usage errors: exit 2 with picocli's message. */
    private ReplayConfig toConfig() {
        try {
            return ReplayConfig.builder()
                    .input(input)
                    .topic(topic)
                    .order(order)
                    .rateRecordsPerSecond(rate)
                    .speedup(speedup)
                    .loop(loop)
                    .skip(skip)
                    .limit(limit == null ? Long.MAX_VALUE : limit)
                    .strict(strict)
                    .rejects(rejects)
                    .timeoutMs(timeoutMs)
                    .createTopic(createTopic)
                    .partitions(partitions)
                    .verbose(verbose)
                    .bootstrapServer(bootstrapServer)
                    .producerConfig(producerConfig)
                    .producerProperties(producerProperties)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class OrderConverter implements CommandLine.ITypeConverter<ReplayOrder> {
        @Override
        public ReplayOrder convert(String value) {
            try {
                return ReplayOrder.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"producer (sf-crime-streaming), kafka-clients " + AppInfoParser.getVersion()};
        }
    }
}
