package org.sfcrime.consumer;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.sfcrime.record.CallFileReader;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.record.MalformedCallFileException;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.cli.UsageErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The consumer CLI: shows the calls in a Kafka topic (console mode, with the flags of
 * kafka-console-consumer) or verifies that a topic holds exactly the calls of a file
 * ({@code --verify}).
 *
 * <p>This class parses and validates the options, converts them once into {@link ConsoleSettings}
 * or {@link VerifySettings} and {@link ClientProperties}, creates the Kafka consumer and hands it
 * to {@link ConsoleReader} or {@link DeliveryVerifier}. stdout carries data (messages, the
 * report); stderr carries progress, warnings and the final count.
 *
 * <pre>
 * java -jar consumer/target/consumer.jar --from-beginning --max-messages 5 --format table
 * java -jar consumer/target/consumer.jar --verify police-department-calls-for-service.json --check-order
 * </pre>
 */
@Command(name = "consumer", mixinStandardHelpOptions = true, version = "consumer 0.1.0 (sf-crime-streaming)",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Shows the calls in a Kafka topic (console mode, as kafka-console-consumer), or with --verify checks "
                    + "that the topic holds exactly the valid calls of a file: nothing missing, duplicated, "
                    + "unexpected, unparseable or wrongly keyed.",
            "",
            "stdout carries data (messages, the report); stderr carries progress, warnings and the final count.",
            "Client settings, later wins: the built-in consumer.properties < --consumer-config FILE "
                    + "< --consumer-property KEY=VALUE < the flags below. Secret values are never printed.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; with --verify: the delivery is exact",
            "1:failure at run time (broker unreachable, topic missing, deadline expired); "
                    + "with --verify: the delivery is not exact",
            "2:usage error",
            "130:interrupted (Ctrl-C)"},
        footerHeading = "%nExamples (consumer.jar is consumer/target/consumer.jar):%n",
        footer = {
            "  java -jar consumer.jar --from-beginning --max-messages 5 --format table",
            "  java -jar consumer.jar --partition 0 --offset 100 --max-messages 1",
            "  java -jar consumer.jar --verify calls.json --check-order",
            "  java -jar consumer.jar --verify calls.json --report json | jq .counts"})
public final class ConsumerCommand implements Callable<Integer> {

    /** Exit status of an interrupted run: 128 + SIGINT, as shells report it. */
    static final int EXIT_INTERRUPTED = 130;
    /** Longest wait for a first answer from the broker; --timeout-ms can only shorten it. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(30);
    /** Verify mode's overall deadline unless --timeout-ms says otherwise. */
    static final Duration VERIFY_TIMEOUT = Duration.ofMillis(120_000);
    /** How long a signal's shutdown waits for the interrupted command to print its count and close the client. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The consumer's own close is bounded too. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    static final String DEFAULT_FIELDS = "crime_id,call_date_time,original_crime_type_name,disposition,address";

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", order = 1,
            description = "The Kafka broker(s) to connect to, comma-separated. "
                    + "Default: bootstrap.servers of the client settings (localhost:9092 as shipped).")
    private String bootstrapServer;

    @Option(names = "--topic", paramLabel = "TOPIC", order = 2, defaultValue = CallRecordFormat.DEFAULT_TOPIC,
            description = "The topic to read. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--from-beginning", order = 3,
            description = "Start with the earliest message rather than the latest (with --group: only when "
                    + "the group has no committed offset).")
    private boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", order = 4,
            description = "Read only this partition; starts at --offset, else at its end "
                    + "(or its beginning with --from-beginning).")
    private Integer partition;

    @Option(names = "--offset", paramLabel = "earliest|latest|N", order = 5, converter = StartOffsetConverter.class,
            description = "Where --partition starts: 'earliest', 'latest' or a non-negative offset. Needs --partition.")
    private StartOffset offset;

    @Option(names = "--group", paramLabel = "ID", order = 6,
            description = "Consumer group to subscribe with; the offsets of printed messages are committed. "
                    + "Without it all partitions are assigned and nothing is committed.")
    private String group;

    @Option(names = "--max-messages", paramLabel = "N", order = 7,
            description = "Exit after printing N messages. Default: no limit.")
    private Long maxMessages;

    @Option(names = "--timeout-ms", paramLabel = "MS", order = 8,
            description = "Console mode: exit when no message arrives for MS milliseconds (default: wait until "
                    + "Ctrl-C). With --verify: the overall deadline (default: 120000). Also bounds the wait "
                    + "for the broker's first answer (at most 30 s).")
    private Long timeoutMs;

    @Option(names = "--format", paramLabel = "raw|pretty|table", order = 9, defaultValue = "raw",
            converter = OutputFormatConverter.class,
            description = "raw: each value as it is; pretty: indented JSON; table: a fixed-width table of --fields, "
                    + "header once. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--fields", paramLabel = "FIELD,...", hideParamSyntax = true, order = 10, split = ",", defaultValue = DEFAULT_FIELDS,
            description = "The record fields of --format table, in order. Default: ${DEFAULT-VALUE}.")
    private List<String> fields;

    @Option(names = "--print-key", order = 11, description = "Also print each message's key.")
    private boolean printKey;

    @Option(names = "--print-partition", order = 12, description = "Also print each message's partition.")
    private boolean printPartition;

    @Option(names = "--print-offset", order = 13, description = "Also print each message's offset.")
    private boolean printOffset;

    @Option(names = "--print-timestamp", order = 14,
            description = "Also print each message's timestamp (type and epoch milliseconds).")
    private boolean printTimestamp;

    @Option(names = "--verify", paramLabel = "FILE", order = 20,
            description = "Verify mode: read every partition from its beginning to its end offset at start and "
                    + "compare with the valid calls of FILE ('-' for stdin) as multisets; print a report. "
                    + "Exit 0 only when the delivery is exact.")
    private String verifyFile;

    @Option(names = "--check-order", order = 21,
            description = "With --verify: also require call_date_time never to decrease within a partition.")
    private boolean checkOrder;

    @Option(names = "--report", paramLabel = "text|json", order = 22, converter = ReportFormatConverter.class,
            description = "With --verify: the report as aligned text or as one JSON document. Default: text.")
    private ReportFormat reportFormat;

    @Option(names = "--consumer-config", paramLabel = "FILE", order = 30,
            description = "Kafka consumer properties file (e.g. security settings) over the built-in defaults.")
    private Path consumerConfig;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", order = 31,
            description = "A Kafka consumer property over --consumer-config; repeatable.")
    private Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--print-config", order = 32,
            description = "Print the effective client settings to stderr (secret values as [hidden]) before starting.")
    private boolean printConfig;

    public ConsumerCommand() {
        this(System.out, System.err);
    }

    /** For tests: where data and messages go. */
    ConsumerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(new ConsumerCommand()).execute(args));
    }

    /** The command line as main runs it: usage errors as one line plus a hint, not the whole help. */
    static CommandLine newCommandLine(ConsumerCommand command) {
        return UsageErrorHandler.install(new CommandLine(command));
    }

    @Override
    public Integer call() {
        try {
            ClientProperties clientProperties = clientProperties();
            Duration reachTimeout = timeoutMs != null && timeoutMs < REACH_TIMEOUT.toMillis()
                    ? Duration.ofMillis(timeoutMs) : REACH_TIMEOUT;
            return verifyFile != null
                    ? verify(verifySettings(), verifyClientProperties(clientProperties), reachTimeout)
                    : console(consoleSettings(clientProperties), clientProperties, reachTimeout);
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("error: " + describe(e));
            return 1;
        }
    }

    // ---- console mode

    /** Console mode's settings from the parsed options; package-private for the option tests. */
    ConsoleSettings consoleSettings(ClientProperties clientProperties) {
        for (String verifyOnly : List.of("--check-order", "--report")) {
            if (given(verifyOnly)) {
                throw usage(verifyOnly + " needs --verify");
            }
        }
        if (partition != null && partition < 0) {
            throw usage("--partition must be 0 or more, got " + partition);
        }
        if (offset != null && partition == null) {
            throw usage("--offset needs --partition (the partition it applies to)");
        }
        if (offset != null && fromBeginning) {
            throw usage("--from-beginning and --offset cannot be used together");
        }
        Optional<String> groupId = groupId(clientProperties);
        if (groupId.isPresent() && partition != null) {
            throw usage("--group and --partition cannot be used together (a group's partitions are assigned by Kafka)");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw usage("--max-messages must be 1 or more, got " + maxMessages);
        }
        requirePositiveTimeout();
        if (given("--fields") && format != OutputFormat.TABLE) {
            throw usage("--fields needs --format table");
        }
        List<String> unknown = fields.stream().filter(field -> !CallRecordFormat.FIELDS.contains(field)).toList();
        if (!unknown.isEmpty() || fields.isEmpty()) {
            throw usage("--fields: unknown field(s) " + unknown + "; valid fields: "
                    + String.join(",", CallRecordFormat.FIELDS));
        }
        StartOffset start = offset != null ? offset : fromBeginning ? StartOffset.EARLIEST : StartOffset.LATEST;
        PrintOptions print = new PrintOptions(format, format == OutputFormat.TABLE ? fields : List.of(),
                printKey, printPartition, printOffset, printTimestamp);
        return new ConsoleSettings(topic, partition == null ? OptionalInt.empty() : OptionalInt.of(partition), start,
                groupId, maxMessages == null ? Long.MAX_VALUE : maxMessages,
                timeoutMs == null ? Long.MAX_VALUE : timeoutMs, print);
    }

    /** The group: --group, or group.id of the client settings; both given must agree, as upstream. */
    private Optional<String> groupId(ClientProperties clientProperties) {
        String configured = clientProperties.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (group != null && configured != null && !configured.equals(group)) {
            throw usage("--group '" + group + "' and group.id '" + configured + "' of the client settings differ");
        }
        return Optional.ofNullable(group != null ? group : configured).filter(id -> !id.isBlank());
    }

    private int console(ConsoleSettings settings, ClientProperties clientProperties, Duration reachTimeout) {
        clientProperties = clientProperties
                .with(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false") // offsets are committed as printed
                .withAll(clientIdDefault(clientProperties, "sfcrime-console-consumer"));
        if (settings.groupId().isPresent()) {
            clientProperties = clientProperties.with(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId().get());
            if (fromBeginning) {
                clientProperties = clientProperties.with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            }
        } else {
            clientProperties = clientProperties.without(ConsumerConfig.GROUP_ID_CONFIG);
        }
        maybePrintConfig(clientProperties);
        KafkaConsumer<byte[], byte[]> consumer = createConsumer(clientProperties);
        ShutdownRequest shutdown = wakeUpOnSignal(consumer);
        PrintStream data = out == System.out ? bufferedStdout() : out;
        ConsoleReader reader = new ConsoleReader(consumer, settings, new MessagePrinter(settings.print(), data), err);
        boolean started = false;
        try {
            List<TopicPartition> partitions = TopicLookup.partitions(consumer, settings.topic(),
                    clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), reachTimeout);
            started = true;
            reader.run(partitions);
        } catch (WakeupException interrupted) {
            // Ctrl-C before the loop started
        } finally {
            data.flush();
            if (started || shutdown.requested()) {
                err.println("Processed a total of " + reader.messagesPrinted() + " messages");
            }
            close(consumer);
            shutdown.close();
        }
        return shutdown.requested() ? EXIT_INTERRUPTED : 0;
    }

    // ---- verify mode

    private VerifySettings verifySettings() {
        for (String consoleOnly : List.of("--from-beginning", "--partition", "--offset", "--group", "--max-messages",
                "--format", "--fields", "--print-key", "--print-partition", "--print-offset", "--print-timestamp")) {
            if (given(consoleOnly)) {
                throw usage(consoleOnly + " cannot be used with --verify (it reads every partition from its beginning)");
            }
        }
        requirePositiveTimeout();
        return new VerifySettings(topic, verifyFile, checkOrder, reportFormat == null ? ReportFormat.TEXT : reportFormat,
                timeoutMs == null ? VERIFY_TIMEOUT : Duration.ofMillis(timeoutMs));
    }

    /** Verify mode never joins a group nor commits, and reads from the log start. */
    private static ClientProperties verifyClientProperties(ClientProperties clientProperties) {
        return clientProperties.without(ConsumerConfig.GROUP_ID_CONFIG)
                .with(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .with(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .withAll(clientIdDefault(clientProperties, "sfcrime-delivery-verifier"));
    }

    private int verify(VerifySettings settings, ClientProperties clientProperties, Duration reachTimeout) {
        Deadline deadline = Deadline.after(settings.timeout());
        ExpectedCalls expected = readExpected(settings.file());
        err.printf(Locale.ROOT, "Read %d valid records from %s (%d invalid, skipped) in %.1f s%n",
                expected.records(), settings.file(), expected.skippedInFile().count(),
                deadline.elapsed().toMillis() / 1000.0);
        maybePrintConfig(clientProperties);
        KafkaConsumer<byte[], byte[]> consumer = createConsumer(clientProperties);
        ShutdownRequest shutdown = wakeUpOnSignal(consumer);
        DeliveryReport report;
        try {
            Duration reach = deadline.remainingAtMost(reachTimeout);
            List<TopicPartition> partitions = TopicLookup.partitions(consumer, settings.topic(),
                    clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), reach);
            report = new DeliveryVerifier(consumer, settings, err).verify(expected, partitions, deadline);
        } catch (WakeupException interrupted) {
            err.println("Interrupted: no report");
            return EXIT_INTERRUPTED;
        } finally {
            close(consumer);
            shutdown.close();
        }
        ReportWriter.write(report, settings.reportFormat(), out);
        DeliveryReport.Totals totals = report.totals();
        err.printf(Locale.ROOT, "Verified %d messages against %d records in %.1f s (%.0f messages/s): %s%n",
                totals.consumed(), totals.expected(), totals.elapsedMs() / 1000.0,
                totals.consumed() * 1000.0 / Math.max(1, totals.elapsedMs()),
                report.exact() ? "delivery is exact" : "delivery is NOT exact");
        return report.exact() ? 0 : 1;
    }

    /**
     * stdout with a large buffer (a flush per poll batch, not per message) and, unlike a wrapper
     * around System.out, an error flag that sees a closed pipe ({@code | head}), so the loop stops.
     */
    private static PrintStream bufferedStdout() {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
    }

    private static ExpectedCalls readExpected(String file) {
        try (CallFileReader reader = CallFileReader.open(file)) {
            return ExpectedCalls.read(reader);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read " + file + ": no such file");
        } catch (MalformedCallFileException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    // ---- shared

    private ClientProperties clientProperties() {
        ClientProperties clientProperties = ClientProperties.builtInDefaults();
        if (consumerConfig != null) {
            clientProperties = clientProperties.withFile(consumerConfig);
        }
        clientProperties = clientProperties.withAll(consumerProperties);
        if (bootstrapServer != null) {
            if (bootstrapServer.isBlank()) {
                throw usage("--bootstrap-server needs HOST:PORT[,HOST:PORT...]");
            }
            clientProperties = clientProperties.with(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        }
        if (clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw usage("no bootstrap.servers: give --bootstrap-server HOST:PORT");
        }
        return clientProperties;
    }

    private static Map<String, String> clientIdDefault(ClientProperties clientProperties, String clientId) {
        return clientProperties.get(ConsumerConfig.CLIENT_ID_CONFIG) == null
                ? Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId) : Map.of();
    }

    private void maybePrintConfig(ClientProperties clientProperties) {
        if (printConfig) {
            err.println("Client settings:");
            clientProperties.describe().lines().forEach(line -> err.println("  " + line));
        }
    }

    /**
     * Ctrl-C (SIGINT, or SIGTERM) wakes the consumer, so the polling loop ends with a WakeupException,
     * prints its count and closes the client before the JVM exits; upstream's ConsoleConsumer does the same.
     */
    private static ShutdownRequest wakeUpOnSignal(KafkaConsumer<byte[], byte[]> consumer) {
        return ShutdownRequest.install("consumer-shutdown", SHUTDOWN_GRACE, consumer::wakeup);
    }

    private static KafkaConsumer<byte[], byte[]> createConsumer(ClientProperties clientProperties) {
        try {
            return new KafkaConsumer<>(clientProperties.toProperties(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new CommandFailure("cannot create the Kafka consumer: " + describe(e));
        }
    }

    private void close(KafkaConsumer<byte[], byte[]> consumer) {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (KafkaException e) {
            err.println("warning: closing the consumer: " + describe(e));
        }
    }

    /** The innermost message of a Kafka exception: "Failed to construct kafka consumer" says little. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void requirePositiveTimeout() {
        if (timeoutMs != null && timeoutMs < 1) {
            throw usage("--timeout-ms must be 1 or more, got " + timeoutMs);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    // ---- converters: typed values at parse time, errors that list the valid values

    static final class StartOffsetConverter implements ITypeConverter<StartOffset> {
        @Override
        public StartOffset convert(String value) {
            try {
                return StartOffset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OutputFormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parseEnum(value, OutputFormat.class);
        }
    }

    static final class ReportFormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return parseEnum(value, ReportFormat.class);
        }
    }

    private static <E extends Enum<E>> E parseEnum(String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> valid = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            valid.add(constant.toString());
        }
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", valid));
    }
}
