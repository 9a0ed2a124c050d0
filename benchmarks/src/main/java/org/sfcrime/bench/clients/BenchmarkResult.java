package org.sfcrime.bench.clients;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.sfcrime.bench.Stats;

/**
 * The runs of one benchmark with what is derived from them: per-client medians, the ratios of
 * medians and the peak-memory checks, each against its target.
 *
 * @param legend  what the figures are, for the table's title and notes
 */
record BenchmarkResult(Legend legend, List<Measurement> runs, List<RatioTarget> ratioTargets, List<RssTarget> rssTargets) {

    /**
     * @param title           e.g. "producer: 200,000 records, mean value 450 B, rounds: 3 (after 1 warm-up), partitions: 3"
     * @param timedLabel      what {@link Measurement#timedSeconds()} is
     * @param altLabel        what {@link Measurement#altSeconds()} is
     * @param meanValueBytes  mean Kafka value size, to turn records/s into comparable MB/s
     */
    record Legend(String title, String timedLabel, String altLabel, double meanValueBytes) {
    }

    /**
     * A ratio of two clients' median records/s and the least it should be (0: no target, shown for information).
     *
     * @param name  says which figures are divided, e.g. "ours / perf-tool (timed records/s)"
     */
    record RatioTarget(String name, String numerator, ToDoubleFunction<Measurement> numeratorFigure,
                       String denominator, ToDoubleFunction<Measurement> denominatorFigure, double atLeast) {

        /** The usual ratio: both clients' timed records/s. */
        static RatioTarget timed(String numerator, String denominator, double atLeast) {
            return new RatioTarget(numerator + " / " + denominator + ", timed records/s", numerator,
                    Measurement::recordsPerSecond, denominator, Measurement::recordsPerSecond, atLeast);
        }
    }

    /** The most peak resident size a client may reach in any run, in MB (10^6 bytes). */
    record RssTarget(String client, double atMostMegabytes) {
    }

    /** A computed figure and whether it meets its target. */
    record Check(String name, double value, String target, boolean met) {
    }

    List<String> clients() {
        LinkedHashSet<String> clients = new LinkedHashSet<>();
        runs.forEach(run -> clients.add(run.client()));
        return List.copyOf(clients);
    }

    List<Measurement> runsOf(String client) {
        return runs.stream().filter(run -> run.client().equals(client)).toList();
    }

    double median(String client, ToDoubleFunction<Measurement> figure) {
        return Stats.median(values(client, figure));
    }

    double spread(String client, ToDoubleFunction<Measurement> figure) {
        return Stats.spread(values(client, figure));
    }

    private List<Double> values(String client, ToDoubleFunction<Measurement> figure) {
        return runsOf(client).stream().map(figure::applyAsDouble).toList();
    }

    double megabytesPerSecond(double recordsPerSecond) {
        return recordsPerSecond * legend.meanValueBytes() / 1e6;
    }

    double maxPeakRssMegabytes(String client) {
        return runsOf(client).stream().mapToDouble(Measurement::peakRssMegabytes).max().orElse(0);
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (RatioTarget ratio : ratioTargets) {
            double value = median(ratio.numerator(), ratio.numeratorFigure())
                    / median(ratio.denominator(), ratio.denominatorFigure());
            checks.add(new Check(ratio.name() + ", medians", value,
                    ratio.atLeast() > 0 ? String.format(Locale.ROOT, ">= %.2f", ratio.atLeast()) : "",
                    value >= ratio.atLeast()));
        }
        for (RssTarget rss : rssTargets) {
            double value = maxPeakRssMegabytes(rss.client());
            checks.add(new Check(rss.client() + " peak RSS, MB (max of runs)", value,
                    String.format(Locale.ROOT, "<= %.0f", rss.atMostMegabytes()),
                    value > 0 && value <= rss.atMostMegabytes()));
        }
        return checks;
    }
}
