package org.sfcrime.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.sfcrime.cli.CommandFailure;

/**
 * Reports every micro-batch: one concise line on the job's error stream and, when a metrics file is given, one
 * JSON object per line in it; when a progress topic is given, the same JSON as one message there. Spark's own INFO log is off by default, and with it Spark's
 * progress log; this listener is what shows the job is moving.
 */
public final class BatchProgressListener extends StreamingQueryListener implements AutoCloseable {

    private final PrintWriter err;
    private final Writer metrics;
    private final ProgressTopic progressTopic;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Termination events carry only the query id; start events also carry its name. */
    private final Map<UUID, String> names = new ConcurrentHashMap<>();

    /**
     * @param metricsFile   appended to, one JSON line per batch; null for none
     * @param progressTopic receives the same JSON per batch; null for none. Closed with this listener.
     * @throws CommandFailure when the metrics file cannot be written
     */
    BatchProgressListener(PrintWriter err, Path metricsFile, ProgressTopic progressTopic) {
        this.err = err;
        this.progressTopic = progressTopic;
        if (metricsFile == null) {
            this.metrics = null;
            return;
        }
        try {
            Files.createDirectories(metricsFile.toAbsolutePath().getParent());
            this.metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CommandFailure(metricsFile + ": cannot write (--metrics-file): " + CommandFailure.rootMessage(e));
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        names.put(event.id(), String.valueOf(event.name()));
        err.println("[" + event.name() + "] started");
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        BatchMetrics batch = BatchMetrics.of(event.progress());
        err.println(batch.line());
        if (metrics == null && progressTopic == null) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch's progress as JSON", e);
        }
        if (progressTopic != null) {
            progressTopic.send(batch.query(), json);
        }
        if (metrics != null) {
            synchronized (metrics) {
                try {
                    metrics.write(json);
                    metrics.write('\n');
                    metrics.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to the metrics file", e);
                }
            }
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // an idle query ran no batch: nothing to report
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        String outcome = event.exception().isDefined()
                ? "failed: " + event.exception().get().lines().findFirst().orElse("")
                : "stopped";
        err.println("[" + names.getOrDefault(event.id(), event.id().toString()) + "] " + outcome);
    }

    @Override
    public void close() throws IOException {
        if (progressTopic != null) {
            progressTopic.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
