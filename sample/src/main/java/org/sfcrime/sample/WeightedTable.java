package org.sfcrime.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Picks values with probability proportional to their weights, in a fixed, reproducible way. */
final class WeightedTable<T> {

    private final List<T> values;
    private final double[] cumulative;

    private WeightedTable(List<T> values, double[] cumulative) {
        this.values = List.copyOf(values);
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        // The first entry whose cumulative weight exceeds x; an exact hit belongs to the next one.
        int index = i >= 0 ? i + 1 : -i - 1;
        return values.get(Math.min(index, values.size() - 1));
    }

    static final class Builder<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T value, double weight) {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("weight must be positive: " + value + " " + weight);
            }
            values.add(value);
            weights.add(weight);
            return this;
        }

        WeightedTable<T> build() {
            if (values.isEmpty()) {
                throw new IllegalStateException("a weighted table needs at least one value");
            }
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new WeightedTable<>(values, cumulative);
        }
    }
}
