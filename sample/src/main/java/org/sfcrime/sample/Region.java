package org.sfcrime.sample;

import java.util.SplittableRandom;

/** The streets and landmarks of one {@code city} value of the extract. */
final class Region {

    private final WeightedTable<StreetGrid> grids;
    private final WeightedTable<Landmark> landmarks;

    private Region(WeightedTable<StreetGrid> grids, WeightedTable<Landmark> landmarks) {
        this.grids = grids;
        this.landmarks = landmarks;
    }

    static Builder builder() {
        return new Builder();
    }

    StreetGrid grid(SplittableRandom random) {
        return grids.pick(random);
    }

    Landmark landmark(SplittableRandom random) {
        return landmarks.pick(random);
    }

    static final class Builder {
        private final WeightedTable.Builder<StreetGrid> grids = WeightedTable.builder();
        private final WeightedTable.Builder<Landmark> landmarks = WeightedTable.builder();
        private int landmarkRank;

        Builder grid(double weight, StreetGrid grid) {
            grids.add(grid, weight);
            return this;
        }

        /** Landmarks are added most visited first; a few busy places get most of the calls. */
        Builder landmark(String name, String address) {
            landmarkRank++;
            landmarks.add(new Landmark(name, address), 1.0 / (landmarkRank + 2));
            return this;
        }

        Region build() {
            return new Region(grids.build(), landmarks.build());
        }
    }
}
