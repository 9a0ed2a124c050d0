package org.sfcrime.bench;

import java.util.Arrays;
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

    /** Relative spread, (max - min) / median: how much one point's repeats disagree. */
    public static double spread(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = median(values);
        return median == 0 ? 0 : (sorted[sorted.length - 1] - sorted[0]) / median;
    }

    public static double[] toArray(List<Double> values) {
        return Arrays.stream(values.toArray(Double[]::new)).mapToDouble(Double::doubleValue).toArray();
    }
}
