package org.sfcrime.job;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sfcrime.cli.SecretSettings;

/** Builds the job's Spark session; what spark-submit's --master and --conf set is kept. */
final class SparkSessions {

    /** Spark's setting of which data source options are redacted; its default, "(?i)url", knows no Kafka secret. */
    static final String OPTIONS_REDACTION = "spark.sql.redaction.options.regex";
    /** Spark's setting of which settings and environment variables are redacted, and its default. */
    static final String CONF_REDACTION = "spark.redaction.regex";
    static final String SPARK_DEFAULT_CONF_REDACTION = "(?i)secret|password|token|access[.]?key";
    static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";

    private SparkSessions() {
    }

    /**
     * @param shufflePartitions partitions of the aggregation, unless --conf spark.sql.shuffle.partitions says otherwise
     * @param uiPort            Spark UI port; 0 = no UI
     * @param localCheckpoint   whether the checkpoint is on the local file system
     * @param prometheus        serve Spark's metrics, the streaming queries' included, in Prometheus' format on the UI port
     * @param err               where a warning about the UI's address goes
     */
    static SparkSession create(int shufflePartitions, int uiPort, boolean localCheckpoint, boolean prometheus, PrintWriter err) {
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
        // The same for Spark's own settings and environment (the UI's environment page, the event
        // log): Spark's default pattern plus Kafka's PASSWORD settings, which a kafka.-prefixed conf may carry.
        if (!submitted.contains(CONF_REDACTION)) {
            builder.config(CONF_REDACTION, SPARK_DEFAULT_CONF_REDACTION + "|" + SecretSettings.REDACTION_PATTERN);
        }
        // A local checkpoint is written faster without Hadoop's chmod processes (see LocalCheckpointFileManager);
        // any other file system keeps Spark's default writer for it.
        if (localCheckpoint && !submitted.contains(CHECKPOINT_FILE_MANAGER) && loads(LocalCheckpointFileManager.class.getName())) {
            builder.config(CHECKPOINT_FILE_MANAGER, LocalCheckpointFileManager.class.getName());
        }
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            builder.config("spark.sql.shuffle.partitions", shufflePartitions);
        }
        if (uiPort == 0) {
            builder.config("spark.ui.enabled", false);
        } else {
            builder.config("spark.ui.port", uiPort);
        }
        if (prometheus) {
            prometheusSettings().forEach(builder::config);
        }
        return builder.getOrCreate();
    }

    /**
     * Spark's own Prometheus endpoints on the UI (bound like the UI, to loopback): the driver's metrics,
     * with each streaming query's input rate, processing rate, latency, watermark and state rows, at
     * {@value MonitoringOptions#PROMETHEUS_PATH}; the executors' at /metrics/executors/prometheus. A fixed
     * namespace keeps the series' names the same from run to run (Spark's default is the application id).
     */
    static Map<String, String> prometheusSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.ui.prometheus.enabled", "true");
        settings.put("spark.sql.streaming.metricsEnabled", "true");
        settings.put("spark.metrics.namespace", "sfcrime");
        settings.put("spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet");
        settings.put("spark.metrics.conf.*.sink.prometheusServlet.path", MonitoringOptions.PROMETHEUS_PATH);
        return settings;
    }

    /** False under a Spark whose internal class the manager extends has moved: Spark's default then stays. */
    private static boolean loads(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static LoopbackBinding loopback(SparkConf submitted) {
        return new LoopbackBinding(submitted, submitted.get("spark.master", "local[*]"),
                Optional.ofNullable(System.getenv("SPARK_LOCAL_IP")));
    }
}
