package org.sfcrime.job;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The job's options that choose its queries, and those of the enriched feed; defaults from config/stream-job.properties. */
public final class QueryOptions {

    /** How the enriched feed is triggered; the name is what users write after --enriched-trigger. */
    public enum EnrichedTrigger {
        /** Spark's Real-Time Mode: long-running tasks that write each call as soon as it is read. */
        REAL_TIME,
        /** Micro-batches on --trigger, as the counts run: for comparison. */
        MICRO_BATCH;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--queries", paramLabel = "QUERY[,QUERY]", split = ",",
            description = "What the job computes: ${COMPLETION-CANDIDATES}; enriched in real time needs local[N] with N >= the topic's"
                    + " partitions, plus the shuffle partitions when counts run too (default: ${DEFAULT-VALUE}).")
    private List<Query> queries;

    @Option(names = "--enriched-topic", paramLabel = "TOPIC",
            description = "Topic of the enriched feed, created with " + JobKafkaCheck.OUTPUT_TOPIC_PARTITIONS
                    + " partitions when missing (default: ${DEFAULT-VALUE}).")
    private String enrichedTopic;

    @Option(names = "--enriched-trigger", paramLabel = "real-time|micro-batch",
            description = "How the enriched feed runs: real-time (Spark's Real-Time Mode) or micro-batch (on --trigger);"
                    + " --bounded drains it in micro-batches either way (default: ${DEFAULT-VALUE}).")
    private EnrichedTrigger enrichedTrigger;

    @Option(names = "--checkpoint-interval", paramLabel = "INTERVAL", converter = SparkInterval.class,
            description = "Real-time mode: how often the enriched feed commits its progress; after a crash it re-sends at most"
                    + " this much. Not a latency; at least 5 seconds (default: ${DEFAULT-VALUE}).")
    private Duration checkpointInterval;

    /** @throws ParameterException naming the option, for values no run can use */
    void validate() {
        if (queries.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--queries needs at least one of counts, enriched");
        }
        // Spark's own floor (spark.sql.streaming.realTimeMode.minBatchDuration, 5 s) fails only once the query runs.
        if (checkpointInterval.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-interval must be at least 5 seconds, not "
                    + SparkInterval.toSpark(checkpointInterval));
        }
    }

    Set<Query> queries() {
        return EnumSet.copyOf(queries);
    }

    boolean counts() {
        return queries.contains(Query.COUNTS);
    }

    boolean enriched() {
        return queries.contains(Query.ENRICHED);
    }

    String enrichedTopic() {
        return enrichedTopic;
    }

    /** True when the enriched feed runs and holds its tasks for good: real time, not a bounded drain. */
    boolean realTime(boolean bounded) {
        return enriched() && !bounded && enrichedTrigger == EnrichedTrigger.REAL_TIME;
    }

    Trigger enrichedTrigger(Triggering triggering) {
        return realTime(triggering.bounded()) ? Trigger.RealTime(checkpointInterval.toMillis()) : triggering.toSpark();
    }

    /** One line for the summary printed at start. */
    String describe(Triggering triggering) {
        String names = queries().stream().map(Query::toString).collect(Collectors.joining(", "));
        return !enriched() ? names : names + "; enriched to " + enrichedTopic + ", " + (realTime(triggering.bounded())
                ? "real time, checkpoint every " + SparkInterval.toSpark(checkpointInterval) : triggering.describe());
    }
}
