package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.bench.Csv;
import org.sfcrime.bench.Stats;

/**
 * Live mode: the producer sends calls at a fixed rate into a fresh topic while the stream job
 * runs with a processing-time trigger and the kafka sink; a consumer in this process reads the
 * output topic as it is written. Afterwards the input topic is read back and every call sent
 * after the warm-up gets its end-to-end latency (see {@link LatencyMeter}).
 */
final class LiveStudy {

    static final String SUMMARY_CSV = "live-summary.csv";

    /** The job's windows in live mode, passed explicitly because the latency oracle computes the output keys. */
    private static final long WINDOW_MINUTES = 60;

    private static final List<String> RUN_COLUMNS = List.of("rate_per_s", "trigger_s", "repeat", "position", "error", "lock_wait_ms",
            "sent", "measured", "not_visible", "p50_ms", "p95_ms", "p99_ms", "max_ms", "p50_produced_ms", "p95_produced_ms",
            "p99_produced_ms", "batches", "median_batch_ms", "max_batch_ms", "output_messages", "shuffle_partitions",
            "max_offsets_per_trigger");

    private static final List<String> SUMMARY_COLUMNS = List.of("rate_per_s", "trigger_s", "runs_ok", "runs_failed", "measured_total",
            "not_visible_total", "p50_ms", "p95_ms", "p99_ms", "p99_ms_min", "p99_ms_max", "p50_produced_ms", "p99_produced_ms",
            "median_batch_ms");

    /** A producer rate (records/s) and a trigger interval (s, 0 = back to back). */
    record Point(int ratePerSecond, int triggerSeconds) {
    }

    /** One live run; error is empty when it succeeded, latency null when it failed before it could be measured. */
    record Run(Point point, int repeat, int position, String error, LatencyMeter.Result latency, BatchLog batches, int outputMessages) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    private final TuningStudy study;
    private final Path callsFile;
    private int topicsCreated;

    LiveStudy(TuningStudy study, Path callsFile) {
        this.study = study;
        this.callsFile = callsFile;
    }

    /** Runs every rate and trigger; returns how many runs failed (each failure is in the CSV). */
    int run() {
        List<Point> points = study.rates.stream()
                .flatMap(rate -> study.triggers.stream().map(trigger -> new Point(rate, trigger))).toList();
        int repeats = study.liveRepeats;
        List<Run> runs = TuningStudy.shuffledRepeats(points, repeats, study.seed + 1, this::runOnce, (run, done) -> {
            study.err.printf(Locale.ROOT, "live %d/%d repeat %d: %5d/s trigger %2d s  %s%n", done.size(),
                    points.size() * repeats, run.repeat(), run.point().ratePerSecond(), run.point().triggerSeconds(),
                    describe(run));
            writeCsv(points, done);
        });
        return (int) runs.stream().filter(run -> !run.ok()).count();
    }

    private static String describe(Run run) {
        LatencyMeter.Result l = run.latency();
        return !run.ok() ? "FAILED: " + run.error() : String.format(Locale.ROOT,
                "p50 %6.0f ms, p95 %6.0f ms, p99 %6.0f ms over %,d calls (%d not visible), %d batches of median %.0f ms",
                l.received(50), l.received(95), l.received(99), l.measured(), l.notVisible(), run.batches().dataBatches(),
                run.batches().medianBatchMs());
    }

    private long toSend(Point point) {
        return (long) point.ratePerSecond() * (study.liveWarmupSeconds + study.liveMeasureSeconds);
    }

    private Run runOnce(int repeat, int position, Point point) {
        ShippedDefaults shipped = study.shipped;
        int n = ++topicsCreated;
        String inputTopic = "tuning-live-in-" + n;
        String outputTopic = "tuning-live-out-" + n;
        study.broker.create(inputTopic, 3);
        study.broker.create(outputTopic, 1);
        Path metrics = study.workDir.resolve("live-" + n + ".metrics.jsonl");
        List<String> jobCommand = study.sparkSubmit(List.of("--master", GridPoint.SHIPPED_MASTER), List.of("--bootstrap-server",
                study.broker.bootstrapServers(), "--topic", inputTopic, "--starting-offsets", "earliest", "--sinks", "kafka",
                "--output-topic", outputTopic, "--ui-port", "0", "--metrics-file", metrics.toString(),
                "--trigger", point.triggerSeconds() + " seconds", "--window", WINDOW_MINUTES + " minutes",
                "--slide", WINDOW_MINUTES + " minutes", "--max-offsets-per-trigger", Long.toString(shipped.maxOffsetsPerTrigger()),
                "--shuffle-partitions", Integer.toString(shipped.shufflePartitions()),
                "--min-partitions", Integer.toString(shipped.minPartitions())));
        List<String> producerCommand = ChildRun.java("-Xmx512m", "-jar", study.producerJar().toString(),
                "--bootstrap-server", study.broker.bootstrapServers(), "--topic", inputTopic, "--input", callsFile.toString(),
                "--rate", Integer.toString(point.ratePerSecond()), "--loop", "--limit", Long.toString(toSend(point)));
        AtomicBoolean collecting = new AtomicBoolean(true);
        CompletableFuture<List<LatencyMeter.OutputCount>> collected = CompletableFuture.supplyAsync(() -> collect(outputTopic, collecting));
        List<LatencyMeter.OutputCount> outputs;
        String error;
        try (ChildRun job = new ChildRun(jobCommand, study.workDir, "live-" + n + ".job")) {
            error = job.awaitOutput("[" + BatchLog.KAFKA_QUERY + "] started", Duration.ofSeconds(180))
                    ? produceAndDrain(job, producerCommand, point, metrics, n)
                    : "the job did not start its query: " + job.tail();
            collecting.set(false);
            job.stop(Duration.ofSeconds(30));
        } finally {
            collecting.set(false);
        }
        try {
            outputs = collected.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new BenchFailure("reading the output topic failed: " + e.getMessage(), e);
        }
        BatchLog batches = BatchLog.read(metrics);
        LatencyMeter.Result latency = null;
        if (error.isEmpty()) {
            List<ConsumerRecord<String, String>> input = study.broker.readAll(inputTopic, Duration.ofSeconds(120));
            long fromMs = input.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0) + study.liveWarmupSeconds * 1000L;
            long toMs = input.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
            latency = LatencyMeter.measure(LatencyMeter.inputCalls(input, WINDOW_MINUTES), outputs, fromMs, toMs);
            error = latency.measured() == 0 ? "no call was sent after the warm-up" : "";
        }
        return new Run(point, repeat, position, error, latency, batches, outputs.size());
    }

    /** Reads the output topic from the beginning until told to stop, noting when each message arrived: when a reader could see it. */
    private List<LatencyMeter.OutputCount> collect(String topic, AtomicBoolean collecting) {
        List<LatencyMeter.OutputCount> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = study.broker.consumerFromStart(topic)) {
            while (collecting.get()) {
                var batch = consumer.poll(Duration.ofMillis(100));
                long receivedMs = System.currentTimeMillis();
                batch.forEach(record -> received.add(new LatencyMeter.OutputCount(record.key(), LatencyMeter.countOf(record.value()),
                        record.timestamp(), receivedMs)));
            }
        }
        return received;
    }

    /** Runs the producer to its end, then waits until the job has processed every call sent; returns an error or "". */
    private String produceAndDrain(ChildRun job, List<String> producerCommand, Point point, Path metrics, int n) {
        Duration producerTimeout = Duration.ofSeconds(study.liveWarmupSeconds + study.liveMeasureSeconds + 120L);
        try (ChildRun producer = new ChildRun(producerCommand, study.workDir, "live-" + n + ".producer")) {
            int exit = producer.waitFor(producerTimeout);
            if (exit != 0) {
                return exit == ChildRun.TIMED_OUT ? "the producer did not finish within " + producerTimeout.toSeconds() + " s"
                        : "the producer failed (exit " + exit + "): " + producer.tail();
            }
        }
        int drainSeconds = point.triggerSeconds() + 60;
        long deadline = System.nanoTime() + Duration.ofSeconds(drainSeconds).toNanos();
        while (BatchLog.read(metrics).inputRows() < toSend(point)) {
            if (!job.isAlive()) {
                return "the job stopped: " + job.tail();
            }
            if (System.nanoTime() - deadline > 0) {
                return "the job did not process all " + toSend(point) + " calls within " + drainSeconds + " s after the producer ended";
            }
            ChildRun.sleep(250);
        }
        ChildRun.sleep(2000); // the last batch's output is written before its progress event; let the reader catch up
        return "";
    }

    private void writeCsv(List<Point> points, List<Run> runs) {
        Csv.write(study.outputDirectory().resolve("live-runs.csv"), RUN_COLUMNS, runs.stream().map(this::row).toList());
        Csv.write(study.outputDirectory().resolve(SUMMARY_CSV), SUMMARY_COLUMNS, points.stream().map(point -> {
            List<Run> pointRuns = runs.stream().filter(run -> run.point().equals(point)).toList();
            List<Run> ok = pointRuns.stream().filter(Run::ok).toList();
            return List.of(point.ratePerSecond(), point.triggerSeconds(), ok.size(), pointRuns.size() - ok.size(),
                    ok.stream().mapToLong(run -> run.latency().measured()).sum(),
                    ok.stream().mapToLong(run -> run.latency().notVisible()).sum(),
                    Stats.median(ok, run -> run.latency().received(50)),
                    Stats.median(ok, run -> run.latency().received(95)),
                    Stats.median(ok, run -> run.latency().received(99)),
                    ok.stream().mapToDouble(run -> run.latency().received(99)).min().orElse(Double.NaN),
                    ok.stream().mapToDouble(run -> run.latency().received(99)).max().orElse(Double.NaN),
                    Stats.median(ok, run -> run.latency().produced(50)),
                    Stats.median(ok, run -> run.latency().produced(99)),
                    Stats.median(ok, run -> run.batches().medianBatchMs()));
        }).toList());
    }

    /** A run's row of live-runs.csv; latencies in ms, NaN (an empty field) when not measured; lock_wait_ms 0 as in the grid. */
    private List<Object> row(Run run) {
        LatencyMeter.Result l = run.latency();
        List<Object> row = new ArrayList<>(List.of(run.point().ratePerSecond(), run.point().triggerSeconds(), run.repeat(),
                run.position(), run.error(), 0, toSend(run.point()), l == null ? 0 : l.measured(), l == null ? 0 : l.notVisible()));
        List.of(50.0, 95.0, 99.0, 100.0).forEach(percentile -> row.add(l == null ? Double.NaN : l.received(percentile)));
        List.of(50.0, 95.0, 99.0).forEach(percentile -> row.add(l == null ? Double.NaN : l.produced(percentile)));
        row.addAll(List.of(run.batches().dataBatches(), run.batches().medianBatchMs(), run.batches().maxBatchMs(), run.outputMessages(),
                study.shipped.shufflePartitions(), study.shipped.maxOffsetsPerTrigger()));
        return row;
    }

}
