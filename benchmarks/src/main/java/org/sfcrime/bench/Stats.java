package org.sfcrime.bench;

import java.util.List;

/** Summary statistics of repeated measurements: these machines are shared and noisy, so medians. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median of the values that exist (a one-batch run has no steady rate, say), NaN when none does. */
    public static double medianOrNaN(List<Double> values) {
        List<Double> present = values.stream().filter(value -> !value.isNaN()).toList();
        return present.isEmpty() ? Double.NaN : median(present);
    }

    /** Relative spread, (max - min) / median: how much one point's repeats disagree. */
    public static double spread(List<Double> values) {
        double median = median(values);
        double range = values.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return median == 0 ? 0 : range / median;
    }
}
