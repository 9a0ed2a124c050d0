package org.sfcrime.dashboard;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/** The dashboard's figures for Prometheus, read from the state at each scrape. */
final class DashboardMetrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

    DashboardMetrics(DashboardState state, EventHub events) {
        CounterWithCallback.builder().name("sfcrime_dashboard_counts_consumed")
                .help("Messages read from the counts topic, repeats included")
                .callback(cb -> cb.call(state.countsConsumed())).register(registry);
        GaugeWithCallback.builder().name("sfcrime_dashboard_keys")
                .help("Keys (window, crime type, disposition) whose latest count is held")
                .callback(cb -> cb.call(state.keys())).register(registry);
        GaugeWithCallback.builder().name("sfcrime_dashboard_newest_count_age_seconds")
                .help("Seconds since the newest message of the counts topic was written")
                .callback(cb -> state.newestCountAgeSeconds().ifPresent(age -> cb.call(age))).register(registry);
        GaugeWithCallback.builder().name("sfcrime_job_lag_messages")
                .help("Messages of the job's input not yet read by the query's latest batch")
                .labelNames("query")
                .callback(cb -> state.lag().forEach((query, lag) -> cb.call(lag, query))).register(registry);
        GaugeWithCallback.builder().name("sfcrime_job_last_batch_duration_seconds")
                .help("Duration of the query's latest batch")
                .labelNames("query")
                .callback(cb -> state.lastBatchMs().forEach((query, ms) -> cb.call(ms / 1000.0, query))).register(registry);
        GaugeWithCallback.builder().name("sfcrime_dashboard_event_streams")
                .help("Pages connected to /events")
                .callback(cb -> cb.call(events.streams())).register(registry);
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
