package org.sfcrime.job;

import java.io.PrintWriter;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sfcrime.cli.SecretSettings;

/** Builds the job's Spark session; what spark-submit's --master and --conf set is kept. */
final class SparkSessions {

    /** Spark's setting of which data source options are redacted; its default, "(?i)url", knows no Kafka secret. */
    static final String OPTIONS_REDACTION = "spark.sql.redaction.options.regex";
    static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";
    static final String FILE_SYSTEM_CHECKPOINTS =
            "org.apache.spark.sql.execution.streaming.checkpointing.FileSystemBasedCheckpointFileManager";

    private SparkSessions() {
    }

    /**
     * @param shufflePartitions partitions of the aggregation, unless --conf spark.sql.shuffle.partitions says otherwise
     * @param uiPort            Spark UI port; 0 = no UI
     * @param err               where a warning about the UI's address goes
     */
    static SparkSession create(int shufflePartitions, int uiPort, PrintWriter err) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("sf-crime-streaming");
        if (!submitted.contains("spark.master")) {
            builder.master("local[*]");
        }
        LoopbackBinding loopback = loopback(submitted);
        loopback.driverSettings().forEach(builder::config);
        loopback.uiWarning(uiPort).ifPresent(err::println);
        // call_date_time is wall-clock time without a zone; read and shown in UTC it stays
        // exactly the wall-clock value, and hour windows have no daylight-saving gaps.
        builder.config("spark.sql.session.timeZone", "UTC");
        // Streaming disables adaptive execution anyway; saying so up front avoids a warning per query.
        builder.config("spark.sql.adaptive.enabled", false);
        // The Kafka source's and sink's options carry the client's secrets (sasl.jaas.config, store
        // passwords); Spark hides matching options wherever it shows a plan (UI, event log, explain).
        if (!submitted.contains(OPTIONS_REDACTION)) {
            builder.config(OPTIONS_REDACTION, "(?i)url|" + SecretSettings.REDACTION_PATTERN);
        }
        // Spark's default checkpoint writer goes through Hadoop's FileContext, which without Hadoop's
        // native library starts a chmod process per file it creates and a readlink process per path it
        // renames: about 60 processes per micro-batch of the counts, half of a small batch's time. The
        // FileSystem writer does the same write-to-a-temporary-file-then-rename with plain Java calls,
        // and on the local disk, where --checkpoint always is, the rename is the same system call.
        if (!submitted.contains(CHECKPOINT_FILE_MANAGER)) {
            builder.config(CHECKPOINT_FILE_MANAGER, FILE_SYSTEM_CHECKPOINTS);
        }
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            builder.config("spark.sql.shuffle.partitions", shufflePartitions);
        }
        if (uiPort == 0) {
            builder.config("spark.ui.enabled", false);
        } else {
            builder.config("spark.ui.port", uiPort);
        }
        return builder.getOrCreate();
    }

    static LoopbackBinding loopback(SparkConf submitted) {
        return new LoopbackBinding(submitted, submitted.get("spark.master", "local[*]"),
                Optional.ofNullable(System.getenv("SPARK_LOCAL_IP")));
    }
}
