package org.sfcrime.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.sfcrime.cli.UsageErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Spark Structured Streaming job: reads calls from Kafka, joins them with the radio codes
 * and counts them per event-time window, crime type and disposition.
 *
 * <p>Usage: {@code spark-submit --master local[*] stream-job/target/stream-job.jar [options]},
 * for example {@code scripts/spark-submit --master local[2] stream-job/target/stream-job.jar --bounded}
 * drains the topic, prints the counts and exits.
 */
@Command(name = "stream-job", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
                "Counts police calls from Kafka per event-time window, crime type and disposition, joined with the radio codes.",
                "Defaults come from config/stream-job.properties (built into the jar); --config FILE overrides them, flags override both."},
        footer = {"",
                "Spark settings: pass them to spark-submit (--conf k=v); --conf spark.sql.shuffle.partitions wins over --shuffle-partitions.",
                "Exit codes: 0 success (bounded run drained, or stopped), 1 failure at run time, 2 usage or settings error."})
public final class StreamJob implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", order = 0,
            description = "Settings file overriding the built-in config/stream-job.properties.")
    private Path configFile;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic holding the calls (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--starting-offsets", paramLabel = "earliest|latest",
            description = "Where a new query starts; a restart resumes from its checkpoint (default: ${DEFAULT-VALUE}).")
    private String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N",
            description = "Records per micro-batch at most, 0 = no bound (default: ${DEFAULT-VALUE}).")
    private long maxOffsetsPerTrigger;

    @Option(names = "--min-partitions", paramLabel = "N",
            description = "Spark tasks reading Kafka per batch at least, splitting large partitions; 0 = one per Kafka partition (default: ${DEFAULT-VALUE}).")
    private int minPartitions;

    @Option(names = "--radio-codes", paramLabel = "FILE", description = "Radio-code lookup JSON (default: ${DEFAULT-VALUE}).")
    private Path radioCodes;

    @Option(names = "--window", paramLabel = "INTERVAL", converter = SparkInterval.class,
            description = "Window length, e.g. '60 minutes' (default: ${DEFAULT-VALUE}).")
    private Duration window;

    @Option(names = "--slide", paramLabel = "INTERVAL", converter = SparkInterval.class,
            description = "Window slide; equal to --window for tumbling windows (default: ${DEFAULT-VALUE}).")
    private Duration slide;

    @Option(names = "--watermark", paramLabel = "INTERVAL", converter = SparkInterval.class,
            description = "How late a call may arrive and still count; must be > 0 (default: ${DEFAULT-VALUE}).")
    private Duration watermark;

    @Option(names = "--trigger", paramLabel = "INTERVAL", converter = SparkInterval.class,
            description = "Processing-time trigger interval, 0 = back to back (default: ${DEFAULT-VALUE}).")
    private Duration trigger;

    @Option(names = "--bounded", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "Drain what the topic holds now, show the counts and exit (default: ${DEFAULT-VALUE}).")
    private boolean bounded;

    @Option(names = "--shuffle-partitions", paramLabel = "N",
            description = "Partitions of the aggregation; frozen into a checkpoint (default: ${DEFAULT-VALUE}).")
    private int shufflePartitions;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "Spark UI port on localhost, 0 = no UI (default: ${DEFAULT-VALUE}).")
    private int uiPort;

    @Option(names = "--sinks", paramLabel = "SINK[,SINK]", split = ",",
            description = "Where counts go: console, kafka (default: ${DEFAULT-VALUE}).")
    private List<String> sinks;

    @Option(names = "--console-rows", paramLabel = "N", description = "Rows the console shows per batch (default: ${DEFAULT-VALUE}).")
    private int consoleRows;

    @Option(names = "--output-topic", paramLabel = "TOPIC", description = "Topic of the kafka sink (default: ${DEFAULT-VALUE}).")
    private String outputTopic;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint folder; a restart resumes from it. Empty = temporary, deleted at exit (default: ${DEFAULT-VALUE}).")
    private String checkpoint;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Folder of the files sink (default: ${DEFAULT-VALUE}).")
    private Path outputDir;

    @Option(names = "--output-format", paramLabel = "json|parquet", description = "Format of the files sink (default: ${DEFAULT-VALUE}).")
    private String outputFormat;

    @Option(names = "--rejects-dir", paramLabel = "DIR",
            description = "Folder receiving rejected messages as JSON lines; empty = count only (default: ${DEFAULT-VALUE}).")
    private String rejectsDir;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "File receiving one JSON line per batch; empty = none (default: ${DEFAULT-VALUE}).")
    private String metricsFile;

    @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
            description = "Kafka client setting for the source and sink, e.g. security.protocol=SSL (repeatable; values are never printed).")
    private Map<String, String> kafkaOptionFlags = new LinkedHashMap<>();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN",
            description = "Spark's log level: ERROR, WARN, INFO (default: ${DEFAULT-VALUE}).")
    private String logLevel;

    private JobSettings settings;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Parses the settings files, then the flags; returns the exit code. */
    static int execute(String... args) {
        CommandLine commandLine = UsageErrorHandler.install(new CommandLine(new StreamJob()));
        try {
            StreamJob job = commandLine.getCommand();
            job.settings = JobSettings.load(configFileArgument(args));
            commandLine.setDefaultValueProvider(job.settings);
            // --config, --help and --version have no place in a settings file; Kafka settings there are kafka.* keys.
            Set<String> settingNames = commandLine.getCommandSpec().options().stream()
                    .filter(option -> !option.usageHelp() && !option.versionHelp())
                    .map(option -> option.longestName().replaceFirst("^--", ""))
                    .filter(name -> !name.equals("config") && !name.equals("kafka-option"))
                    .collect(Collectors.toSet());
            job.settings.requireKnownKeys(settingNames);
        } catch (JobSettings.SettingsException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        return commandLine.execute(args);
    }

    /** --config must be read before the other options, because it supplies their defaults. */
    private static Path configFileArgument(String[] args) {
        CommandLine probe = new CommandLine(new ConfigFileOption());
        probe.setUnmatchedArgumentsAllowed(true);
        try {
            probe.parseArgs(args);
        } catch (ParameterException e) {
            return null; // the full parse reports it
        }
        return ((ConfigFileOption) probe.getCommand()).configFile;
    }

    @Command
    private static final class ConfigFileOption {
        @Option(names = "--config")
        Path configFile;
    }

    @Override
    public Integer call() throws Exception {
        JobConfig config = toConfig();
        PrintStream err = System.err;
        int clusterCheck = ClusterPreflight.check(new SparkConf(), config, err);
        if (clusterCheck != 0) { return clusterCheck; }
        RadioCodes codes;
        try {
            codes = RadioCodes.read(config.radioCodes());
            KafkaPreflight.check(config, Duration.ofSeconds(30), err);
        } catch (RadioCodes.InvalidLookupException | KafkaPreflight.PreflightException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        printSettings(config, codes, err);

        Path checkpointRoot = config.checkpoint() != null ? config.checkpoint() : Files.createTempDirectory("sf-crime-checkpoint-");
        SparkSession spark = SparkSessions.create(config);
        spark.sparkContext().setLogLevel(logLevel.toUpperCase(Locale.ROOT));
        BatchProgressListener progress = new BatchProgressListener(err, config.metricsFile());
        spark.streams().addListener(progress);
        try {
            List<StreamingQuery> queries = new CallCountsJob(spark, config, codes, checkpointRoot, System.out).start();
            return awaitAll(spark, queries, config.bounded(), err);
        } finally {
            spark.stop();
            progress.close();
            if (config.checkpoint() == null) {
                deleteRecursively(checkpointRoot);
            }
        }
    }

    /** Bounded: every query drains and stops. Unbounded: runs until a query stops or fails. */
    private static int awaitAll(SparkSession spark, List<StreamingQuery> queries, boolean bounded, PrintStream err) {
        try {
            if (bounded) {
                for (StreamingQuery query : queries) {
                    query.awaitTermination();
                }
            } else {
                spark.streams().awaitAnyTermination();
            }
            return 0;
        } catch (StreamingQueryException e) {
            err.println("error: a streaming query failed: " + firstLine(e.cause()));
            return 1;
        }
    }

    private JobConfig toConfig() {
        if (!Set.of("earliest", "latest").contains(startingOffsets)) {
            throw usage("--starting-offsets must be earliest or latest, not '" + startingOffsets + "'");
        }
        requirePositive("--window", window);
        requirePositive("--slide", slide);
        requirePositive("--watermark", watermark);
        if (slide.compareTo(window) > 0) {
            throw usage("--slide (" + SparkInterval.toSpark(slide) + ") must not exceed --window (" + SparkInterval.toSpark(window) + ")");
        }
        if (maxOffsetsPerTrigger < 0) {
            throw usage("--max-offsets-per-trigger must be 0 (no bound) or more, not " + maxOffsetsPerTrigger);
        }
        if (minPartitions < 0) {
            throw usage("--min-partitions must be 0 (one task per Kafka partition) or more, not " + minPartitions);
        }
        if (shufflePartitions < 1) {
            throw usage("--shuffle-partitions must be at least 1, not " + shufflePartitions);
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw usage("--ui-port must be 0..65535, not " + uiPort);
        }
        if (consoleRows < 1) {
            throw usage("--console-rows must be at least 1, not " + consoleRows);
        }
        Set<Sink> sinkSet = EnumSet.noneOf(Sink.class);
        for (String name : sinks) {
            try {
                sinkSet.add(Sink.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw usage("--sinks: unknown sink '" + name + "' (valid: console, kafka, files)");
            }
        }
        JobConfig.OutputFormat format;
        try {
            format = JobConfig.OutputFormat.valueOf(outputFormat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--output-format must be json or parquet, not '" + outputFormat + "'");
        }
        Map<String, String> kafkaOptions = new LinkedHashMap<>(settings.kafkaOptions());
        kafkaOptionFlags.forEach((key, value) -> kafkaOptions.put(JobSettings.KAFKA_PREFIX + key, value));
        return new JobConfig(bootstrapServers, topic, startingOffsets, maxOffsetsPerTrigger, minPartitions, radioCodes, window, slide,
                watermark, trigger, bounded, shufflePartitions, uiPort, sinkSet, consoleRows, outputTopic, optionalPath(checkpoint),
                outputDir, format, optionalPath(rejectsDir), optionalPath(metricsFile), kafkaOptions);
    }

    /** Empty means "not set" in the settings file, where a key cannot be left out of the shipped defaults. */
    private static Path optionalPath(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private void requirePositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw usage(option + " must be greater than 0");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void printSettings(JobConfig config, RadioCodes codes, PrintStream err) {
        List<String> lines = new ArrayList<>();
        lines.add("input         " + config.topic() + " @ " + config.bootstrapServers() + ", starting " + config.startingOffsets()
                + ", max " + (config.maxOffsetsPerTrigger() == 0 ? "unbounded" : config.maxOffsetsPerTrigger()) + " records/batch");
        lines.add("radio codes   " + codes.size() + " from " + config.radioCodes());
        lines.add("windows       " + SparkInterval.toSpark(config.window()) + " sliding " + SparkInterval.toSpark(config.slide())
                + ", watermark " + SparkInterval.toSpark(config.watermark()));
        lines.add("trigger       " + (config.bounded() ? "bounded (available now)" : "every " + SparkInterval.toSpark(config.trigger())));
        lines.add("sinks         " + config.sinks().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "))
                + (config.sinks().contains(Sink.KAFKA) ? ", output topic " + config.outputTopic() : "")
                + (config.sinks().contains(Sink.FILES) ? ", output " + config.outputDir() + " ("
                        + config.outputFormat().name().toLowerCase(Locale.ROOT) + ")" : ""));
        lines.add("rejects       " + (config.rejectsDir() == null ? "counted only" : "counted and written to " + config.rejectsDir()));
        lines.add("metrics       " + (config.metricsFile() == null ? "progress line only" : "progress line and " + config.metricsFile()));
        lines.add("checkpoint    " + (config.checkpoint() == null ? "temporary (each run starts from starting-offsets)" : config.checkpoint()));
        lines.add("spark         shuffle partitions " + config.shufflePartitions() + ", UI "
                + (config.uiPort() == 0 ? "off" : "http://localhost:" + config.uiPort()));
        if (!config.kafkaOptions().isEmpty()) {
            lines.add("kafka options " + String.join(", ", config.kafkaOptions().keySet()) + " (values not shown)");
        }
        err.println("stream-job settings:");
        lines.forEach(line -> err.println("  " + line));
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("");
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary checkpoint left behind is harmless
        }
    }

    /** Builds the session; spark-submit's --master and --conf are kept. */
    static final class SparkSessions {
        private SparkSessions() {
        }

        static SparkSession create(JobConfig config) {
            SparkConf submitted = new SparkConf();
            SparkSession.Builder builder = SparkSession.builder().appName("sf-crime-streaming");
            if (!submitted.contains("spark.master")) {
                builder.master("local[*]");
            }
            LoopbackBinding loopback = loopback(submitted);
            loopback.driverSettings().forEach(builder::config);
            loopback.uiWarning(config.uiPort()).ifPresent(System.err::println);
            // call_date_time is wall-clock time without a zone; read and shown in UTC it stays
            // exactly the wall-clock value, and hour windows have no daylight-saving gaps.
            builder.config("spark.sql.session.timeZone", "UTC");
            // Streaming disables adaptive execution anyway; saying so up front avoids a warning per query.
            builder.config("spark.sql.adaptive.enabled", false);
            if (!submitted.contains("spark.sql.shuffle.partitions")) {
                builder.config("spark.sql.shuffle.partitions", config.shufflePartitions());
            }
            if (config.uiPort() == 0) {
                builder.config("spark.ui.enabled", false);
            } else {
                builder.config("spark.ui.port", config.uiPort());
            }
            return builder.getOrCreate();
        }

        static LoopbackBinding loopback(SparkConf submitted) {
            return new LoopbackBinding(submitted, submitted.get("spark.master", "local[*]"),
                    Optional.ofNullable(System.getenv("SPARK_LOCAL_IP")));
        }
    }
}
