package org.sfcrime.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ConfigFileOption;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.KafkaFailures;
import org.sfcrime.cli.OptionDefaults;
import org.sfcrime.cli.ProjectVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
@Command(name = "stream-job", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class, sortOptions = false,
        usageHelpWidth = 110,
        description = {
                "Counts police calls from Kafka per event-time window, crime type and disposition, joined with the radio codes;"
                        + " with --queries enriched, also writes every call with its radio-code description, in real time.",
                "Defaults come from config/pipeline.properties and config/stream-job.properties (both built into the jar);"
                        + " --config FILE overrides them, flags override both. Their kafka.* keys are Kafka client settings"
                        + " of the source and sink; secret values are never printed.",
                "stdout carries the console sink's counts; stderr carries the options in effect, progress and errors."},
        footer = {"",
                "Spark settings: pass them to spark-submit (--conf k=v); --conf spark.sql.shuffle.partitions wins over --shuffle-partitions.",
                ExitCodes.HELP,
                "Success: a bounded run drained the topic, or the queries stopped. Failure at run time: Kafka unreachable,"
                        + " a topic or file missing, a query failed."})
public final class StreamJob implements Callable<Integer> {

    /** The levels Spark's setLogLevel takes. */
    private static final Set<String> LOG_LEVELS = Set.of("ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN");

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOption configFile;

    @Mixin
    private QueryOptions queryOptions;

    @Mixin
    private MonitoringOptions monitoring;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: kafka.bootstrap.servers of the settings (of config/pipeline.properties as shipped).")
    private String bootstrapServer;

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

    @Option(names = "--radio-codes", paramLabel = "FILE|URI",
            description = "Radio-code lookup JSON, read by the driver: a local path or a Hadoop URI such as hdfs://HOST:PORT/FILE (default: ${DEFAULT-VALUE}).")
    private String radioCodes;

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
            description = "Where counts go, each its own query: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<Sink> sinks;

    @Option(names = "--console-rows", paramLabel = "N", description = "Rows the console shows per batch (default: ${DEFAULT-VALUE}).")
    private int consoleRows;

    @Option(names = "--output-topic", paramLabel = "TOPIC",
            description = "Topic of the kafka sink, created with " + JobKafkaCheck.OUTPUT_TOPIC_PARTITIONS + " partitions and cleanup.policy=compact when missing (default: ${DEFAULT-VALUE}).")
    private String outputTopic;

    @Option(names = "--checkpoint", paramLabel = "DIR|URI",
            description = "Checkpoint folder, a local path or a Hadoop URI (hdfs://, s3a://, abfs://, gs://, file://); a restart"
                    + " resumes from it. Empty = temporary, deleted at exit (default: ${DEFAULT-VALUE}).")
    private String checkpoint;

    @Option(names = "--output-dir", paramLabel = "DIR|URI", description = "Folder of the files sink, a local path or a Hadoop URI (default: ${DEFAULT-VALUE}).")
    private String outputDir;

    @Option(names = "--output-format", paramLabel = "FORMAT",
            description = "Format of the files sink: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Sinks.OutputFormat outputFormat;

    @Option(names = "--rejects-dir", paramLabel = "DIR|URI",
            description = "Folder receiving rejected messages as JSON lines, a local path or a Hadoop URI; empty = count only (default: ${DEFAULT-VALUE}).")
    private String rejectsDir;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "File receiving one JSON line per batch; empty = none (default: ${DEFAULT-VALUE}).")
    private String metricsFile;

    /** Null: none. */
    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties file for the source and sink, keys without a prefix (security settings"
                    + " included, e.g. a client-USER.properties of scripts/start.sh --secure); wins over kafka.* keys"
                    + " of the settings files.")
    private Path kafkaConfig;

    @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
            description = "Kafka client setting for the source and sink, e.g. security.protocol=SSL; wins over"
                    + " --kafka-config (repeatable).")
    private Map<String, String> kafkaSettings = new LinkedHashMap<>();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN",
            description = "Spark's log level: ERROR, WARN, INFO, ... (default: ${DEFAULT-VALUE}).")
    private String logLevel;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new StreamJob(), "stream-job", args));
    }

    @Override
    public Integer call() throws IOException, TimeoutException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Windowing windowing = windowing();
        Sinks sinks = sinks();
        Triggering triggering = new Triggering(bounded, trigger);
        queryOptions.validate();
        requireSparkOptions();
        String checkpointDir = StorageLocations.optional(checkpoint);
        SparkConf submitted = new SparkConf();
        Configuration hadoop = StorageLocations.hadoopConfiguration(submitted);
        ClusterPreflight.check(submitted.get("spark.master", "local[*]"), submitted.getBoolean("spark.authenticate", false),
                checkpointDir, sinks, hadoop, spec.commandLine());
        CallSource source = source();
        sinks = reachable(sinks, hadoop);
        if (checkpointDir != null) {
            checkpointDir = StorageLocations.requireReachable("--checkpoint", checkpointDir, hadoop);
        }
        String radioCodesUri = StorageLocations.requireReachable("--radio-codes", radioCodes, hadoop);
        RadioCodes codes = RadioCodes.read(radioCodesUri, hadoop);
        int partitions = JobKafkaCheck.run(source, sinks, queryOptions, monitoring.progressTopic(), err);
        boolean realTime = queryOptions.realTime(bounded);
        TaskSlots slots = new TaskSlots(partitions, queryOptions.counts() ? shufflePartitions : sinks.rejectsDir() != null ? 1 : 0,
                queryOptions.counts() ? "the counts" : "the rejects");
        if (realTime) {
            slots.requireConfigured(new SparkConf());
        }
        Path metrics = metricsFile == null || metricsFile.isBlank() ? null : Path.of(metricsFile.trim());
        err.println("stream-job options in effect:");
        err.println("  input         " + source.describe());
        err.println("  radio codes   " + codes.size() + " from " + radioCodesUri);
        err.println("  windows       " + windowing.describe());
        err.println("  queries       " + queryOptions.describe(triggering));
        err.println("  trigger       " + triggering.describe());
        err.println("  sinks         " + (queryOptions.counts() ? sinks.describe() : "none (no counts)"));
        err.println("  rejects       " + (sinks.rejectsDir() == null ? "counted only" : "counted and written to " + sinks.rejectsDir()));
        err.println("  metrics       " + (metrics == null ? "progress line only" : "progress line and " + metrics)
                + "; " + monitoring.describe(uiPort));
        err.println("  checkpoint    " + (checkpointDir == null ? "temporary (each run starts from starting-offsets)" : checkpointDir));
        err.println("  spark         shuffle partitions " + shufflePartitions + ", UI " + (uiPort == 0 ? "off" : "http://localhost:" + uiPort));

        // Closed in reverse: Spark stops before its temporary checkpoint is deleted and the metrics file closed.
        try (BatchProgressListener progress = new BatchProgressListener(err, metrics, monitoring.progressTopic() == null
                ? null : new ProgressTopic(source.client(), monitoring.progressTopic(), err));
             CheckpointRoot checkpoints = new CheckpointRoot(checkpointDir);
             SparkSession spark = SparkSessions.create(shufflePartitions, uiPort,
                     checkpointDir == null || StorageLocations.isLocal(checkpointDir, hadoop), monitoring.prometheus(), err);
             SignalStop signal = new SignalStop(err, checkpointDir)) {
            spark.sparkContext().setLogLevel(logLevel.toUpperCase(Locale.ROOT));
            if (realTime) {
                slots.requireRegistered(spark.sparkContext());
            }
            spark.streams().addListener(progress);
            List<StreamingQuery> queries = new ArrayList<>(new CountsQueries(sinks, triggering, checkpoints)
                    .start(spark, source, codes, windowing, queryOptions.counts()));
            if (queryOptions.enriched()) {
                queries.add(EnrichedFeed.start(spark, source, codes, queryOptions.enrichedTopic(),
                        queryOptions.enrichedTrigger(triggering), realTime, checkpoints));
            }
            try {
                awaitAll(spark, queries, bounded);
            } catch (StreamingQueryException e) {
                if (!signal.signalled()) { // else the JVM exits with the signal's status once the shutdown hooks are done
                    throw new KafkaFailures(source.client()).failure(e, "use", source.topic(),
                            "a streaming query failed: " + CommandFailure.rootMessage(e).lines().findFirst().orElse(""));
                }
            }
            return 0;
        }
    }

    /** Bounded: every query drains and stops. Unbounded: runs until a query stops or fails. */
    private static void awaitAll(SparkSession spark, List<StreamingQuery> queries, boolean bounded)
            throws StreamingQueryException {
        if (bounded) {
            for (StreamingQuery query : queries) {
                query.awaitTermination();
            }
        } else {
            spark.streams().awaitAnyTermination();
        }
    }

    private CallSource source() {
        if (!Set.of(CallSource.EARLIEST, CallSource.LATEST).contains(startingOffsets)) {
            throw usage("--starting-offsets must be " + CallSource.EARLIEST + " or " + CallSource.LATEST + ", not '" + startingOffsets + "'");
        }
        if (maxOffsetsPerTrigger < 0) {
            throw usage("--max-offsets-per-trigger must be 0 (no bound) or more, not " + maxOffsetsPerTrigger);
        }
        if (minPartitions < 0) {
            throw usage("--min-partitions must be 0 (one task per Kafka partition) or more, not " + minPartitions);
        }
        // --config FILE was read by CommandLines, which hands its values over as the default provider.
        Map<String, String> fileSettings = OptionDefaults.of(spec).clientSettings();
        ClientSettings client = ClientSettings.layered(fileSettings, kafkaConfig, "--kafka-config", kafkaSettings, bootstrapServer);
        return new CallSource(client, topic, startingOffsets, maxOffsetsPerTrigger, minPartitions);
    }

    private Windowing windowing() {
        requirePositive("--window", window);
        requirePositive("--slide", slide);
        requirePositive("--watermark", watermark);
        if (slide.compareTo(window) > 0) {
            throw usage("--slide (" + SparkInterval.toSpark(slide) + ") must not exceed --window (" + SparkInterval.toSpark(window) + ")");
        }
        return new Windowing(window, slide, watermark);
    }

    private Sinks sinks() {
        if (consoleRows < 1) {
            throw usage("--console-rows must be at least 1, not " + consoleRows);
        }
        return new Sinks(EnumSet.copyOf(sinks), consoleRows, outputTopic, outputDir.trim(), outputFormat,
                StorageLocations.optional(rejectsDir));
    }

    /** The sinks with their folders checked and written as full URIs. */
    private static Sinks reachable(Sinks sinks, Configuration hadoop) {
        String output = sinks.enabled().contains(Sink.FILES)
                ? StorageLocations.requireReachable("--output-dir", sinks.outputDir(), hadoop) : sinks.outputDir();
        String rejects = sinks.rejectsDir() == null ? null : StorageLocations.requireReachable("--rejects-dir", sinks.rejectsDir(), hadoop);
        return new Sinks(sinks.enabled(), sinks.consoleRows(), sinks.outputTopic(), output, sinks.outputFormat(), rejects);
    }

    private void requireSparkOptions() {
        if (shufflePartitions < 1) {
            throw usage("--shuffle-partitions must be at least 1, not " + shufflePartitions);
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw usage("--ui-port must be 0..65535, not " + uiPort);
        }
        if (monitoring.prometheus() && uiPort == 0) {
            throw usage("--prometheus serves the metrics on the Spark UI's port: give --ui-port a port, not 0");
        }
        if (!LOG_LEVELS.contains(logLevel.toUpperCase(Locale.ROOT))) {
            throw usage("--log-level must be one of " + String.join(", ", LOG_LEVELS.stream().sorted().toList()) + ", not '" + logLevel + "'");
        }
    }

    private void requirePositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw usage(option + " must be greater than 0");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
