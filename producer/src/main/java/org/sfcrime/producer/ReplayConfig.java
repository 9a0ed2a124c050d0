package org.sfcrime.producer;

import java.nio.file.Path;
import java.util.Map;

/**
 * One replay, validated: every value is in range and every combination is allowed.
 * Sentinels of the command line are converted once, here: no limit is {@link Long#MAX_VALUE}.
 *
 * @param input                 the calls file, or "-" for standard input
 * @param topic                 the Kafka topic to write to
 * @param order                 the order records are sent in
 * @param rateRecordsPerSecond  records per second; 0 = as fast as possible
 * @param speedup               replay the gaps between call times this many times faster; 0 = off
 * @param loop                  replay again and again, each pass shifted forward by the file's time span
 * @param skip                  records passed over at the start, in replay order
 * @param limit                 most records to send; {@link Long#MAX_VALUE} = all
 * @param strict                stop at the first invalid record instead of skipping it
 * @param rejects               where invalid records are listed (one JSON line each); "-" = stdout; null = nowhere
 * @param timeoutMs             how long to wait for the broker when checking it and when closing
 * @param createTopic           create the topic when it is missing
 * @param partitions            partitions of a topic created with createTopic
 * @param verbose               print the effective client settings at the start
 * @param bootstrapServer       the --bootstrap-server flag; null = from the client settings
 * @param producerConfig        the --producer-config file; null = none
 * @param producerProperties    the --producer-property values, in command-line order
 */
public record ReplayConfig(
        String input,
        String topic,
        ReplayOrder order,
        double rateRecordsPerSecond,
        double speedup,
        boolean loop,
        long skip,
        long limit,
        boolean strict,
        String rejects,
        long timeoutMs,
        boolean createTopic,
        int partitions,
        boolean verbose,
        String bootstrapServer,
        Path producerConfig,
        Map<String, String> producerProperties) {

    public static final String DEFAULT_INPUT = "data/police-department-calls-for-service.json";
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_PARTITIONS = 3;

    /** @throws IllegalArgumentException naming the flag, when a value or a combination is not allowed */
    public ReplayConfig {
        require(input != null && !input.isEmpty(), "--input needs a file name or '-' for standard input");
        require(topic != null && !topic.isBlank(), "--topic must not be empty");
        require(order != null, "--order must be one of " + ReplayOrder.validValues());
        require(Double.isFinite(rateRecordsPerSecond) && rateRecordsPerSecond >= 0,
                "--rate must be a number of records per second >= 0 (0 = as fast as possible), got " + rateRecordsPerSecond);
        require(Double.isFinite(speedup) && speedup >= 0,
                "--speedup must be a factor > 0 (60 = one hour of calls per minute), got " + speedup);
        require(rateRecordsPerSecond == 0 || speedup == 0,
                "--rate and --speedup cannot be combined: --rate paces by record count, --speedup by call time");
        require(order == ReplayOrder.EVENT_TIME || speedup == 0,
                "--speedup needs --order event-time: in file order the call times run backwards");
        require(order == ReplayOrder.EVENT_TIME || !loop,
                "--loop needs --order event-time: each pass is shifted forward in event time");
        require(skip >= 0, "--skip must be >= 0, got " + skip);
        require(limit >= 0, "--limit must be >= 0, got " + limit);
        require(timeoutMs > 0, "--timeout-ms must be > 0, got " + timeoutMs);
        require(partitions > 0, "--partitions must be > 0, got " + partitions);
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
    }

    public boolean hasLimit() {
        return limit != Long.MAX_VALUE;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a config from the defaults, so callers name only what they change. */
    public static final class Builder {
        private String input = DEFAULT_INPUT;
        private String topic = org.sfcrime.record.CallRecordFormat.DEFAULT_TOPIC;
        private ReplayOrder order = ReplayOrder.EVENT_TIME;
        private double rateRecordsPerSecond;
        private double speedup;
        private boolean loop;
        private long skip;
        private long limit = Long.MAX_VALUE;
        private boolean strict;
        private String rejects;
        private long timeoutMs = DEFAULT_TIMEOUT_MS;
        private boolean createTopic;
        private int partitions = DEFAULT_PARTITIONS;
        private boolean verbose;
        private String bootstrapServer;
        private Path producerConfig;
        private Map<String, String> producerProperties = Map.of();

        private Builder() {
        }

        public Builder input(String value) { input = value; return this; }
        public Builder topic(String value) { topic = value; return this; }
        public Builder order(ReplayOrder value) { order = value; return this; }
        public Builder rateRecordsPerSecond(double value) { rateRecordsPerSecond = value; return this; }
        public Builder speedup(double value) { speedup = value; return this; }
        public Builder loop(boolean value) { loop = value; return this; }
        public Builder skip(long value) { skip = value; return this; }
        public Builder limit(long value) { limit = value; return this; }
        public Builder strict(boolean value) { strict = value; return this; }
        public Builder rejects(String value) { rejects = value; return this; }
        public Builder timeoutMs(long value) { timeoutMs = value; return this; }
        public Builder createTopic(boolean value) { createTopic = value; return this; }
        public Builder partitions(int value) { partitions = value; return this; }
        public Builder verbose(boolean value) { verbose = value; return this; }
        public Builder bootstrapServer(String value) { bootstrapServer = value; return this; }
        public Builder producerConfig(Path value) { producerConfig = value; return this; }
        public Builder producerProperties(Map<String, String> value) { producerProperties = value; return this; }

        public ReplayConfig build() {
            return new ReplayConfig(input, topic, order, rateRecordsPerSecond, speedup, loop, skip, limit, strict,
                    rejects, timeoutMs, createTopic, partitions, verbose, bootstrapServer, producerConfig,
                    producerProperties);
        }
    }
}
