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
    static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";

    private SparkSessions() {
    }

    /**
     * @param shufflePartitions partitions of the aggregation, unless --conf spark.sql.shuffle.partitions says otherwise
     * @param uiPort            Spark UI port; 0 = no UI
     * @param prometheus        serve Spark's metrics, the streaming queries' included, in Prometheus' format on the UI port
     * @param err               where a warning about the UI's address goes
     */
    static SparkSession create(int shufflePartitions, int uiPort, boolean prometheus, PrintWriter err) {
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
        // --checkpoint is always on the local disk; see LocalCheckpointFileManager for why.
        if (!submitted.contains(CHECKPOINT_FILE_MANAGER) && loads(LocalCheckpointFileManager.class.getName())) {
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
