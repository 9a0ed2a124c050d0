package org.sfcrime.bench;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Summary statistics of repeated measurements: these machines are shared and noisy, so medians. */
public final class Stats {

    private Stats() {
    }

    /** The median of the values that exist (a one-batch run has no steady rate, say), NaN when none does. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(value -> !Double.isNaN(value)).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static <T> double median(List<T> items, ToDoubleFunction<? super T> figure) {
        return median(items.stream().map(figure::applyAsDouble).toList());
    }

    /** Relative spread, (max - min) / median: how much one point's repeats disagree; NaN without values. */
    public static double spread(List<Double> values) {
        DoubleSummaryStatistics range = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        double median = median(values);
        return values.isEmpty() ? Double.NaN : median == 0 ? 0 : (range.getMax() - range.getMin()) / median;
    }
}
