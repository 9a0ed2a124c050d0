package org.sfcrime.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What the dashboard knows, as the Kafka reader keeps it: the latest counts, the newest calls, each
 * query's latest progress, the input topics' end offsets, and what is wrong with Kafka if anything.
 * Every change is published to the {@link EventHub}; the HTTP handlers read snapshots.
 */
final class DashboardState {

    static final int RECENT_CALLS = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    private final LatestCounts counts = new LatestCounts();
    private final RecentCalls calls = new RecentCalls(RECENT_CALLS);
    private final Map<String, ObjectNode> progress = new TreeMap<>();
    private final Map<String, Instant> progressReceived = new TreeMap<>();
    private final Map<TopicPartition, Long> topicEnds = new TreeMap<>(
            (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
    private final Map<String, String> problems = new TreeMap<>();
    private final AtomicLong countsConsumed = new AtomicLong();
    private final EventHub events;
    private final Clock clock;
    private final Duration staleAfter;
    private volatile Instant newestCountWritten;
    private boolean lagFromProgress;

    DashboardState(EventHub events, Clock clock, Duration staleAfter) {
        this.events = events;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** Rows of one poll; only those that changed a key's value are published. */
    void countsArrived(List<ObjectNode> rows, Instant newestWritten) {
        ArrayNode changed = JSON.createArrayNode();
        for (ObjectNode row : rows) {
            countsConsumed.incrementAndGet();
            if (counts.put(row)) {
                changed.add(row);
            }
        }
        if (newestWritten != null && (newestCountWritten == null || newestWritten.isAfter(newestCountWritten))) {
            newestCountWritten = newestWritten;
        }
        if (!changed.isEmpty()) {
            events.publish(new ServerSentEvent("counts", changed.toString()));
        }
    }

    void callsArrived(List<ObjectNode> newCalls) {
        newCalls.forEach(calls::add);
        if (!newCalls.isEmpty()) {
            events.publish(new ServerSentEvent("calls", JSON.valueToTree(newCalls).toString()));
        }
    }

    synchronized void progressArrived(ObjectNode batch) {
        String query = batch.path("query").asText();
        progress.put(query, batch);
        progressReceived.put(query, clock.instant());
    }

    /**
     * @param fromProgress true when the ends are the progress' latestOffsets, because this client may
     *                     not read the input topic's end offsets
     */
    synchronized void topicEnds(Map<TopicPartition, Long> ends, boolean fromProgress) {
        topicEnds.putAll(ends);
        lagFromProgress = fromProgress;
    }

    /** A problem shown on the page until cleared, e.g. "kafka" → "Kafka at ... does not answer". */
    synchronized void problem(String what, String message) {
        problems.put(what, message);
    }

    synchronized void cleared(String what) {
        problems.remove(what);
    }

    /** The input topics named in the progress: the end offsets the lag needs. */
    synchronized Map<String, JsonNode> progressOffsets(String field) {
        Map<String, JsonNode> offsets = new TreeMap<>();
        progress.forEach((query, batch) -> offsets.put(query, batch.path(field)));
        return offsets;
    }

    ArrayNode countsJson() {
        return JSON.valueToTree(counts.all());
    }

    ArrayNode callsJson() {
        return JSON.valueToTree(calls.all());
    }

    long countsConsumed() {
        return countsConsumed.get();
    }

    int keys() {
        return counts.size();
    }

    /** Seconds since the newest count message was written, or empty before the first. */
    OptionalLong newestCountAgeSeconds() {
        Instant written = newestCountWritten;
        return written == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, Duration.between(written, clock.instant()).toSeconds()));
    }

    /** Each query's lag in messages, where its partitions' ends are known. */
    synchronized Map<String, Long> lag() {
        Map<String, Long> lag = new TreeMap<>();
        progress.forEach((query, batch) -> JobLag.of(batch.path("endOffsets"), topicEnds).ifPresent(l -> lag.put(query, l)));
        return lag;
    }

    /** Each query's last batch duration in ms. */
    synchronized Map<String, Long> lastBatchMs() {
        Map<String, Long> durations = new TreeMap<>();
        progress.forEach((query, batch) -> durations.put(query, batch.path("durationMs").path("triggerExecution").asLong()));
        return durations;
    }

    /** What /api/health answers and the "health" event carries. */
    synchronized ObjectNode health() {
        Instant now = clock.instant();
        ObjectNode health = JSON.createObjectNode();
        health.put("now", now.toString());
        health.set("problems", JSON.valueToTree(problems.values()));
        health.put("keys", counts.size());
        health.put("countsConsumed", countsConsumed.get());
        counts.newestWindowStart().ifPresentOrElse(w -> health.put("newestWindowStart", w), () -> health.putNull("newestWindowStart"));
        OptionalLong age = newestCountAgeSeconds();
        if (age.isPresent()) {
            health.put("newestCountAgeSeconds", age.getAsLong());
        } else {
            health.putNull("newestCountAgeSeconds");
        }
        health.set("lag", JSON.valueToTree(lag()));
        health.put("lagAsOfLastBatch", lagFromProgress);
        ObjectNode queries = health.putObject("queries");
        Long newestBatchAge = null;
        for (Map.Entry<String, ObjectNode> entry : progress.entrySet()) {
            long ageSeconds = Duration.between(progressReceived.get(entry.getKey()), now).toSeconds();
            newestBatchAge = newestBatchAge == null ? ageSeconds : Math.min(newestBatchAge, ageSeconds);
            queries.set(entry.getKey(), entry.getValue().deepCopy().put("receivedSecondsAgo", ageSeconds));
        }
        health.put("staleAfterSeconds", staleAfter.toSeconds());
        health.put("stale", newestBatchAge == null || newestBatchAge > staleAfter.toSeconds());
        return health;
    }
}
