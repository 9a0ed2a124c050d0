package org.sfcrime.bench.tuning;

import org.sfcrime.bench.MeasurementLock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sfcrime.bench.Stats;

/**
 * Live mode: the producer sends calls at a fixed rate into a fresh topic while the stream job
 * runs with a processing-time trigger and the kafka sink; a consumer in this process reads the
 * output topic as it is written. Afterwards the input topic is read back and every call sent
 * after the warm-up gets its end-to-end latency (see {@link LatencyMeter}).
 */
final class LiveStudy {

    static final String RUNS_CSV = "live-runs.csv";
    static final String SUMMARY_CSV = "live-summary.csv";

    /** The job's windows in live mode, passed explicitly because the latency oracle computes the output keys. */
    static final long WINDOW_MINUTES = 60;

    static final List<String> RUN_COLUMNS = List.of("rate_per_s", "trigger_s", "repeat", "position", "error", "lock_wait_ms", "sent",
            "measured", "not_visible", "p50_ms", "p95_ms", "p99_ms", "max_ms", "p50_produced_ms", "p95_produced_ms", "p99_produced_ms",
            "batches", "median_batch_ms", "max_batch_ms", "output_messages", "shuffle_partitions", "max_offsets_per_trigger");

    static final List<String> SUMMARY_COLUMNS = List.of("rate_per_s", "trigger_s", "runs_ok", "runs_failed", "measured_total",
            "not_visible_total", "p50_ms", "p95_ms", "p99_ms", "p99_ms_min", "p99_ms_max", "p50_produced_ms", "p99_produced_ms",
            "median_batch_ms");

    /** What the study needs from its caller. */
    record Setup(StudyContext context, Path callsFile, List<Integer> ratesPerSecond, List<Integer> triggerSeconds, int repeats,
                 int warmupSeconds, int measureSeconds, long seed, Path outputDir) {
    }

    /** One live run; latencies are in ms, NaN when not measured. */
    record Run(int ratePerSecond, int triggerSeconds, int repeat, int position, String error, long lockWaitMs, long sent,
               LatencyMeter.Result latency, BatchLog batches, int outputMessages) {
        boolean ok() {
            return error.isEmpty();
        }

        List<Object> row(ShippedDefaults shipped) {
            LatencyMeter.Result l = latency;
            return List.of(ratePerSecond, triggerSeconds, repeat, position, error, lockWaitMs, sent,
                    l == null ? 0 : l.measured(), l == null ? 0 : l.notVisible(),
                    l == null ? Double.NaN : l.received(50), l == null ? Double.NaN : l.received(95),
                    l == null ? Double.NaN : l.received(99), l == null ? Double.NaN : l.received(100),
                    l == null ? Double.NaN : l.produced(50), l == null ? Double.NaN : l.produced(95),
                    l == null ? Double.NaN : l.produced(99),
                    batches.dataBatches(), batches.medianBatchMs(),
                    batches.batches().stream().mapToLong(BatchLog.Batch::triggerMs).max().orElse(0),
                    outputMessages, shipped.shufflePartitions(), shipped.maxOffsetsPerTrigger());
        }
    }

    private final Setup setup;
    private final PrintStream err;
    private int topicsCreated;

    LiveStudy(Setup setup, PrintStream err) {
        this.setup = setup;
        this.err = err;
    }

    /** Runs every rate and trigger; returns how many runs failed (each failure is in the CSV). */
    int run() {
        List<Run> runs = new ArrayList<>();
        Random random = new Random(setup.seed() + 1);
        int total = setup.ratesPerSecond().size() * setup.triggerSeconds().size() * setup.repeats();
        for (int repeat = 1; repeat <= setup.repeats(); repeat++) {
            List<int[]> order = new ArrayList<>();
            for (int rate : setup.ratesPerSecond()) {
                for (int trigger : setup.triggerSeconds()) {
                    order.add(new int[] {rate, trigger});
                }
            }
            Collections.shuffle(order, random);
            for (int position = 1; position <= order.size(); position++) {
                Run run = runOnce(order.get(position - 1)[0], order.get(position - 1)[1], repeat, position);
                runs.add(run);
                err.printf(Locale.ROOT, "live %d/%d repeat %d: %5d/s trigger %2d s  %s%n", runs.size(), total, repeat,
                        run.ratePerSecond(), run.triggerSeconds(), describe(run));
                writeCsv(runs);
            }
        }
        return (int) runs.stream().filter(run -> !run.ok()).count();
    }

    private static String describe(Run run) {
        if (!run.ok()) {
            return "FAILED: " + run.error();
        }
        LatencyMeter.Result l = run.latency();
        return String.format(Locale.ROOT, "p50 %6.0f ms, p95 %6.0f ms, p99 %6.0f ms over %,d calls (%d not visible), %d batches of median %.0f ms",
                l.received(50), l.received(95), l.received(99), l.measured(), l.notVisible(), run.batches().dataBatches(),
                run.batches().medianBatchMs());
    }

    private Run runOnce(int rate, int triggerSeconds, int repeat, int position) {
        StudyContext context = setup.context();
        ShippedDefaults shipped = context.shipped();
        int n = ++topicsCreated;
        String inputTopic = "tuning-live-in-" + n;
        String outputTopic = "tuning-live-out-" + n;
        context.topics().create(inputTopic, 3);
        context.topics().create(outputTopic, 1);
        Path metrics = context.workDir().resolve("live-" + n + ".metrics.jsonl");
        long toSend = (long) rate * (setup.warmupSeconds() + setup.measureSeconds());
        List<String> jobOptions = List.of("--bootstrap-server", context.bootstrapServers(), "--topic", inputTopic,
                "--starting-offsets", "earliest", "--sinks", "kafka", "--output-topic", outputTopic, "--ui-port", "0",
                "--metrics-file", metrics.toString(), "--trigger", triggerSeconds + " seconds",
                "--window", WINDOW_MINUTES + " minutes", "--slide", WINDOW_MINUTES + " minutes",
                "--max-offsets-per-trigger", Long.toString(shipped.maxOffsetsPerTrigger()),
                "--shuffle-partitions", Integer.toString(shipped.shufflePartitions()),
                "--min-partitions", Integer.toString(shipped.minPartitions()));
        List<String> jobCommand = ChildProcess.sparkSubmit(List.of("--master", GridPlan.SHIPPED_MASTER), context.jobJar(), jobOptions);
        List<String> producerCommand = List.of(javaBin(), "-Xmx512m", "-jar", context.producerJar().toString(),
                "--bootstrap-server", context.bootstrapServers(), "--topic", inputTopic, "--input", setup.callsFile().toString(),
                "--rate", Integer.toString(rate), "--loop", "--limit", Long.toString(toSend));
        String error = "";
        long lockWaitMs;
        List<LatencyMeter.OutputCount> outputs = List.of();
        List<LatencyMeter.InputCall> calls = List.of();
        long measureFromMs = 0;
        long measureToMs = 0;
        // the lock also covers reading the topics back: parsing 275,000 calls would disturb another measurement
        try (MeasurementLock lock = MeasurementLock.acquire(context.lockFile(), context.lockWait(), err);
             Topics.Collector collector = context.topics().collect(outputTopic);
             ChildProcess job = context.track(ChildProcess.start(jobCommand, context.workDir().resolve("live-" + n + ".job.log")))) {
            lockWaitMs = lock.waitedMs();
            if (!job.awaitLog("[" + BatchLog.KAFKA_QUERY + "] started", Duration.ofSeconds(180))) {
                error = "the job did not start its query: " + job.lastError();
            } else {
                error = produceAndDrain(job, producerCommand, toSend, triggerSeconds, metrics, context, n);
            }
            outputs = collector.finish();
            job.stop(Duration.ofSeconds(30));
            if (error.isEmpty()) {
                List<ConsumerRecord<String, String>> input = context.topics().readAll(inputTopic, Duration.ofSeconds(120));
                calls = LatencyMeter.inputCalls(input, WINDOW_MINUTES);
                measureFromMs = input.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0) + setup.warmupSeconds() * 1000L;
                measureToMs = input.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
            }
        } finally {
            context.untrack();
        }
        BatchLog batches = BatchLog.read(metrics, BatchLog.KAFKA_QUERY);
        LatencyMeter.Result latency = null;
        if (error.isEmpty()) {
            latency = LatencyMeter.measure(calls, outputs, measureFromMs, measureToMs);
            if (latency.measured() == 0) {
                error = "no call was sent after the warm-up";
            }
        }
        return new Run(rate, triggerSeconds, repeat, position, error, lockWaitMs, toSend, latency, batches, outputs.size());
    }

    /** Runs the producer to its end, then waits until the job has processed every call sent; returns an error or "". */
    private String produceAndDrain(ChildProcess job, List<String> producerCommand, long toSend, int triggerSeconds, Path metrics,
                                   StudyContext context, int n) {
        Duration producerTimeout = Duration.ofSeconds(setup.warmupSeconds() + setup.measureSeconds() + 120L);
        try (ChildProcess producer = ChildProcess.start(producerCommand, context.workDir().resolve("live-" + n + ".producer.log"))) {
            int exit = producer.waitFor(producerTimeout);
            if (exit != 0) {
                return exit == -1 ? "the producer did not finish within " + producerTimeout.toSeconds() + " s"
                        : "the producer failed (exit " + exit + "): " + producer.lastError();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(triggerSeconds + 60L).toNanos();
        while (BatchLog.read(metrics, BatchLog.KAFKA_QUERY).inputRows() < toSend) {
            if (!job.isAlive()) {
                return "the job stopped: " + job.lastError();
            }
            if (System.nanoTime() > deadline) {
                return "the job did not process all " + toSend + " calls within " + (triggerSeconds + 60) + " s after the producer ended";
            }
            ChildProcess.sleep(250);
        }
        ChildProcess.sleep(2000); // the last batch's output is written before its progress event; let the reader catch up
        return "";
    }

    private void writeCsv(List<Run> runs) {
        ShippedDefaults shipped = setup.context().shipped();
        Csv.write(setup.outputDir().resolve(RUNS_CSV), RUN_COLUMNS, runs.stream().map(run -> run.row(shipped)).toList());
        Map<String, List<Run>> byPoint = new LinkedHashMap<>();
        for (int rate : setup.ratesPerSecond()) {
            for (int trigger : setup.triggerSeconds()) {
                byPoint.put(rate + "/" + trigger, new ArrayList<>());
            }
        }
        runs.forEach(run -> byPoint.get(run.ratePerSecond() + "/" + run.triggerSeconds()).add(run));
        List<List<Object>> rows = new ArrayList<>();
        byPoint.forEach((key, pointRuns) -> {
            List<Run> ok = pointRuns.stream().filter(Run::ok).toList();
            String[] parts = key.split("/");
            rows.add(List.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), ok.size(), pointRuns.size() - ok.size(),
                    ok.stream().mapToLong(run -> run.latency().measured()).sum(),
                    ok.stream().mapToLong(run -> run.latency().notVisible()).sum(),
                    median(ok, run -> run.latency().received(50)), median(ok, run -> run.latency().received(95)),
                    median(ok, run -> run.latency().received(99)),
                    ok.stream().mapToDouble(run -> run.latency().received(99)).min().orElse(Double.NaN),
                    ok.stream().mapToDouble(run -> run.latency().received(99)).max().orElse(Double.NaN),
                    median(ok, run -> run.latency().produced(50)), median(ok, run -> run.latency().produced(99)),
                    median(ok, run -> run.batches().medianBatchMs())));
        });
        Csv.write(setup.outputDir().resolve(SUMMARY_CSV), SUMMARY_COLUMNS, rows);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        List<Double> values = runs.stream().map(value::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
        return values.isEmpty() ? Double.NaN : Stats.median(values);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
