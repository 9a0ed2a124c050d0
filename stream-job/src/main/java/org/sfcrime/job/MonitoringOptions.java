package org.sfcrime.job;

import picocli.CommandLine.Option;

/** The job's options that let others watch it: the progress topic and Spark's Prometheus endpoint. */
public final class MonitoringOptions {

    /** Where Spark's PrometheusServlet serves the driver's metrics, on the UI port (which redirects it to PATH/). */
    static final String PROMETHEUS_PATH = "/metrics/prometheus";

    @Option(names = "--progress-topic", paramLabel = "TOPIC",
            description = "Topic receiving each batch's progress JSON (the --metrics-file record), keyed by query, created with "
                    + JobKafkaCheck.OUTPUT_TOPIC_PARTITIONS + " partitions when missing; empty = none (default: ${DEFAULT-VALUE}).")
    private String progressTopic;

    @Option(names = "--prometheus", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "Serve Spark's metrics, streaming queries' included, in Prometheus' text format at http://localhost:UI-PORT"
                    + PROMETHEUS_PATH + "/ (needs the UI) (default: ${DEFAULT-VALUE}).")
    private boolean prometheus;

    /** @return the progress topic, or null for none */
    public String progressTopic() {
        return progressTopic == null || progressTopic.isBlank() ? null : progressTopic.trim();
    }

    public boolean prometheus() {
        return prometheus;
    }

    /** One line for the summary printed at start. */
    String describe(int uiPort) {
        return (progressTopic() == null ? "no progress topic" : "progress to topic " + progressTopic())
                + (prometheus ? ", Prometheus at http://localhost:" + uiPort + PROMETHEUS_PATH + "/" : "");
    }
}
