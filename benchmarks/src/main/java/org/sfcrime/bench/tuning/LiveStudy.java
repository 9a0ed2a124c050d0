package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Csv;
import org.sfcrime.bench.Stats;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.RunningCommand;
import org.sfcrime.testing.TopicReader;

/**
 * Live mode: the producer sends calls at a fixed rate into a fresh topic while the stream job runs one query with
 * its Kafka output; a consumer in this process reads the output topic as it is written. Afterwards the input topic is
 * read back and every call sent after the warm-up gets its end-to-end latency (see {@link LatencyMeter}).
 */
final class LiveStudy {

    static final String SUMMARY_CSV = "live-summary.csv";

    /** The job's windows in live mode, passed explicitly because the latency oracle computes the output keys. */
    private static final long WINDOW_MINUTES = 60;

    /** The Spark settings the counts ran with before they were tuned for latency: what counts-baseline restores. */
    static final List<String> COUNTS_BASELINE_CONF = List.of("spark.sql.streaming.checkpointFileManagerClass="
            + "org.apache.spark.sql.execution.streaming.checkpointing.FileContextBasedCheckpointFileManager");

    /** What --queries takes: the job's query and how it runs. */
    static final List<String> QUERIES = List.of("counts", "counts-baseline", "enriched-realtime", "enriched-microbatch");
    private static final String REAL_TIME = "enriched-realtime";

    private static final List<String> RUN_COLUMNS = List.of("query", "rate_per_s", "trigger_s", "repeat", "position", "error", "sent",
            "measured", "not_visible", "p50_ms", "p95_ms", "p99_ms", "max_ms", "batches", "median_batch_ms", "output_messages");

    private static final List<String> SUMMARY_COLUMNS = List.of("query", "rate_per_s", "trigger_s", "runs_ok", "runs_failed",
            "not_visible_total", "p50_ms", "p95_ms", "p99_ms", "p99_ms_max", "median_batch_ms");

    /** A query, a producer rate (records/s) and a trigger interval (s, 0 = back to back; none in real time). */
    record Point(String query, int ratePerSecond, int triggerSeconds) {
        boolean enriched() {
            return query.startsWith("enriched");
        }
    }

    /** One live run; error is empty when it succeeded, latency null when it failed before it could be measured. */
    record Run(Point point, int repeat, int position, String error, LatencyMeter.Result latency, BatchLog batches, int outputMessages) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    private final TuningStudy study;
    private int topicsCreated;

    LiveStudy(TuningStudy study) {
        this.study = study;
    }

    /** Runs every query, rate and trigger; returns how many runs failed (each failure is in the CSV). */
    int run() {
        study.err.printf(Locale.ROOT, "live: %s x rates %s/s x triggers %s s x %d repeats, %d s warm-up + %d s measured each%n",
                study.queries, study.rates, study.triggers, study.liveRepeats, study.liveWarmupSeconds, study.liveMeasureSeconds);
        List<Point> points = study.queries.stream().flatMap(query -> study.rates.stream().flatMap(rate ->
                (query.equals(REAL_TIME) ? study.triggers.subList(0, 1) : study.triggers).stream()
                        .map(trigger -> new Point(query, rate, trigger)))).toList();
        int repeats = study.liveRepeats;
        List<Run> runs = TuningStudy.shuffledRepeats(points, repeats, study.seed + 1, this::runOnce, (run, done) -> {
            System.out.printf(Locale.ROOT, "live %d/%d repeat %d: %-19s %5d/s trigger %2s s  %s%n", done.size(), points.size() * repeats,
                    run.repeat(), run.point().query(), run.point().ratePerSecond(), run.point().query().equals(REAL_TIME)
                            ? "-" : Integer.toString(run.point().triggerSeconds()), describe(run));
            writeCsv(points, done);
        });
        return (int) runs.stream().filter(run -> !run.ok()).count();
    }

    private static String describe(Run run) {
        LatencyMeter.Result l = run.latency();
        return !run.ok() ? "FAILED: " + run.error() : String.format(Locale.ROOT,
                "p50 %6.0f ms, p95 %6.0f ms, p99 %6.0f ms over %,d calls (%d not visible), %d batches of median %.0f ms",
                l.percentile(50), l.percentile(95), l.percentile(99), l.measured(), l.notVisible(), run.batches().dataBatches(),
                run.batches().medianBatchMs());
    }

    private long toSend(Point point) {
        return (long) point.ratePerSecond() * (study.liveWarmupSeconds + study.liveMeasureSeconds);
    }

    /** The job's command: one query writing to the output topic, the counts with the shipped settings passed as flags. */
    private List<String> jobCommand(Point point, String inputTopic, String outputTopic, Path metrics) {
        List<String> submit = new ArrayList<>(List.of("--master", point.query().equals(REAL_TIME) ? "local[3]" : GridPoint.SHIPPED_MASTER));
        List<String> options = new ArrayList<>(List.of("--bootstrap-server", study.broker.bootstrapServers(), "--topic", inputTopic,
                "--starting-offsets", "earliest", "--ui-port", "0", "--metrics-file", metrics.toString(),
                "--trigger", point.triggerSeconds() + " seconds", "--max-offsets-per-trigger", Long.toString(study.shipped.maxOffsetsPerTrigger()),
                "--min-partitions", Integer.toString(study.shipped.minPartitions())));
        if (point.enriched()) {
            options.addAll(List.of("--queries", "enriched", "--enriched-topic", outputTopic,
                    "--enriched-trigger", point.query().equals(REAL_TIME) ? "real-time" : "micro-batch"));
        } else {
            options.addAll(List.of("--queries", "counts", "--sinks", "kafka", "--output-topic", outputTopic, "--window",
                    WINDOW_MINUTES + " minutes", "--slide", WINDOW_MINUTES + " minutes",
                    "--shuffle-partitions", Integer.toString(study.shipped.shufflePartitions())));
            if (point.query().equals("counts-baseline")) {
                COUNTS_BASELINE_CONF.forEach(conf -> submit.addAll(List.of("--conf", conf)));
            }
        }
        return study.sparkSubmit(submit, options);
    }

    private Run runOnce(int repeat, int position, Point point) {
        int n = ++topicsCreated;
        String inputTopic = "tuning-live-in-" + n;
        String outputTopic = "tuning-live-out-" + n;
        study.broker.create(inputTopic, 3);
        study.broker.create(outputTopic, 1);
        Path metrics = study.workDir.resolve("live-" + n + ".metrics.jsonl");
        String metricsName = point.enriched() ? "enriched" : BatchLog.KAFKA_QUERY;
        List<String> producerCommand = study.producer(inputTopic,
                "--rate", Integer.toString(point.ratePerSecond()), "--loop", "--limit", Long.toString(toSend(point)));
        AtomicBoolean collecting = new AtomicBoolean(true);
        CompletableFuture<List<LatencyMeter.OutputCount>> collected = CompletableFuture.supplyAsync(
                () -> collect(outputTopic, point.enriched(), collecting));
        String error;
        try (RunningCommand job = Commands.start(jobCommand(point, inputTopic, outputTopic, metrics), null)) {
            error = job.awaitOutput("[" + metricsName + "] started", Duration.ofSeconds(180))
                    ? produceAndDrain(job, producerCommand, point, outputTopic, metrics)
                    : "the job did not start its query: " + job.failureLineSoFar();
            job.stop(Duration.ofSeconds(30));
        } finally {
            collecting.set(false);
        }
        List<LatencyMeter.OutputCount> outputs;
        try {
            outputs = collected.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new BenchFailure("reading the output topic failed: " + e.getMessage(), e);
        }
        BatchLog batches = BatchLog.read(metrics, metricsName);
        LatencyMeter.Result latency = null;
        if (error.isEmpty()) {
            var input = TopicReader.readToEnd(study.broker.bootstrapServers(), inputTopic, Duration.ofSeconds(120));
            long fromMs = input.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0) + study.liveWarmupSeconds * 1000L;
            long toMs = input.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
            latency = LatencyMeter.measure(LatencyMeter.inputCalls(input, point.enriched() ? ConsumerRecord::key
                    : record -> LatencyMeter.outputKey(record.value(), WINDOW_MINUTES)), outputs, fromMs, toMs);
            error = latency.measured() == 0 ? "no call was sent after the warm-up" : "";
        }
        return new Run(point, repeat, position, error, latency, batches, outputs.size());
    }

    /**
     * Reads the output topic from the beginning until told to stop, noting when each message arrived: when a reader
     * could see it. An enriched message's count is its ordinal among the messages with its key (the call's crime_id).
     */
    private List<LatencyMeter.OutputCount> collect(String topic, boolean enriched, AtomicBoolean collecting) {
        List<LatencyMeter.OutputCount> received = new ArrayList<>();
        Map<String, Long> ordinals = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = TopicReader.fromStart(study.broker.bootstrapServers(), topic, Duration.ofSeconds(30))) {
            while (collecting.get()) {
                var batch = consumer.poll(Duration.ofMillis(100));
                long receivedMs = System.currentTimeMillis();
                batch.forEach(record -> received.add(new LatencyMeter.OutputCount(record.key(), enriched
                        ? ordinals.merge(record.key(), 1L, Long::sum) : LatencyMeter.countOf(record.value()), receivedMs)));
            }
        }
        return received;
    }

    /**
     * Runs the producer to its end, then waits until the job has processed every call sent (the enriched feed: written
     * every call, as its real-time progress comes only at checkpoints); returns an error or "".
     */
    private String produceAndDrain(RunningCommand job, List<String> producerCommand, Point point, String outputTopic, Path metrics) {
        Duration producerTimeout = Duration.ofSeconds(study.liveWarmupSeconds + study.liveMeasureSeconds + 120L);
        CommandResult producer = Commands.runBounded(producerTimeout, producerCommand);
        if (!producer.failure().isEmpty()) {
            return "the producer failed: " + producer.failure();
        }
        int drainSeconds = point.triggerSeconds() + 60;
        long deadline = System.nanoTime() + Duration.ofSeconds(drainSeconds).toNanos();
        while ((point.enriched() ? study.broker.messages(outputTopic)
                : BatchLog.read(metrics, BatchLog.KAFKA_QUERY).inputRows()) < toSend(point)) {
            if (!job.isAlive()) {
                return "the job stopped: " + job.failureLineSoFar();
            }
            if (System.nanoTime() - deadline > 0) {
                return "the job did not process all " + toSend(point) + " calls within " + drainSeconds + " s after the producer ended";
            }
            RunningCommand.sleep(250);
        }
        RunningCommand.sleep(2000); // the last batch's output is written before its progress event; let the reader catch up
        return "";
    }

    private void writeCsv(List<Point> points, List<Run> runs) {
        Csv.write(study.outputDirectory().resolve("live-runs.csv"), RUN_COLUMNS, runs.stream().map(run -> {
            LatencyMeter.Result l = run.latency();
            List<Object> row = new ArrayList<>(List.of(run.point().query(), run.point().ratePerSecond(), run.point().triggerSeconds(),
                    run.repeat(), run.position(), run.error(), toSend(run.point()), l == null ? 0 : l.measured(), l == null ? 0 : l.notVisible()));
            List.of(50.0, 95.0, 99.0, 100.0).forEach(percentile -> row.add(l == null ? Double.NaN : l.percentile(percentile)));
            row.addAll(List.of(run.batches().dataBatches(), run.batches().medianBatchMs(), run.outputMessages()));
            return row;
        }).toList());
        Csv.write(study.outputDirectory().resolve(SUMMARY_CSV), SUMMARY_COLUMNS, points.stream().map(point -> {
            List<Run> pointRuns = runs.stream().filter(run -> run.point().equals(point)).toList();
            List<Run> ok = pointRuns.stream().filter(Run::ok).toList();
            List<Object> row = new ArrayList<>(List.of(point.query(), point.ratePerSecond(), point.triggerSeconds(), ok.size(),
                    pointRuns.size() - ok.size(), ok.stream().mapToLong(run -> run.latency().notVisible()).sum()));
            List.of(50.0, 95.0, 99.0).forEach(percentile -> row.add(Stats.median(ok, run -> run.latency().percentile(percentile))));
            row.add(ok.stream().mapToDouble(run -> run.latency().percentile(99)).max().orElse(Double.NaN));
            row.add(Stats.median(ok, run -> run.batches().medianBatchMs()));
            return row;
        }).toList());
    }
}
