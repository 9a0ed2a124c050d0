package org.sfcrime.job;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * One concise line per micro-batch on stderr. Spark's own INFO log is off by default, and with
 * it Spark's progress log; this listener is what shows the job is moving.
 */
public final class BatchProgressPrinter extends StreamingQueryListener {

    /** Name of the observed metrics that count received and rejected messages per batch. */
    public static final String CALL_METRICS = "calls";

    private final PrintStream err;
    /** Termination events carry only the query id; started events also carry its name. */
    private final java.util.Map<java.util.UUID, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    public BatchProgressPrinter(PrintStream err) {
        this.err = err;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        names.put(event.id(), String.valueOf(event.name()));
        err.println("[" + event.name() + "] started");
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        err.println(describe(event.progress()));
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        String outcome = event.exception().isDefined() ? "failed: " + event.exception().get().lines().findFirst().orElse("") : "stopped";
        err.println("[" + names.getOrDefault(event.id(), event.id().toString()) + "] " + outcome);
    }

    static String describe(StreamingQueryProgress progress) {
        long stateRows = 0;
        long droppedLate = 0;
        for (StateOperatorProgress operator : progress.stateOperators()) {
            stateRows += operator.numRowsTotal();
            droppedLate += operator.numRowsDroppedByWatermark();
        }
        Row calls = progress.observedMetrics().get(CALL_METRICS);
        long rejected = calls == null ? 0 : calls.<Long>getAs("rejected");
        String watermark = progress.eventTime().getOrDefault("watermark", "-").replace("Z", "");
        Long durationMs = progress.durationMs().get("triggerExecution");
        return String.format(Locale.ROOT,
                "[%s] batch %d: %d rows, %.1f rows/s in, %.1f rows/s processed, %d ms, watermark %s, state %d rows, %d late dropped, %d rejected",
                progress.name(), progress.batchId(), progress.numInputRows(), progress.inputRowsPerSecond(),
                progress.processedRowsPerSecond(), durationMs == null ? 0 : durationMs, watermark, stateRows, droppedLate, rejected);
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // nothing to report: an idle query has no batch
    }
}
