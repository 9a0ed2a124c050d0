package org.sfcrime.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A neighbourhood's street grid: main streets crossing cross streets, each set with the range of
 * blocks it spans there. Intersections only pair a main with a cross street, so they exist (or
 * nearly) on the map, unlike two random street names.
 */
record StreetGrid(List<String> mainStreets, int mainFirstBlock, int mainLastBlock,
                  List<String> crossStreets, int crossFirstBlock, int crossLastBlock) {

    StreetGrid {
        mainStreets = List.copyOf(mainStreets);
        crossStreets = List.copyOf(crossStreets);
    }

    /** A premise address in the extract's style: "800 Block Of Market St". */
    String blockAddress(SplittableRandom random) {
        boolean main = random.nextBoolean();
        List<String> streets = main ? mainStreets : crossStreets;
        int first = main ? mainFirstBlock : crossFirstBlock;
        int last = main ? mainLastBlock : crossLastBlock;
        int block = first + 100 * random.nextInt((last - first) / 100 + 1);
        return block + " Block Of " + streets.get(random.nextInt(streets.size()));
    }

    /** An intersection in the extract's style: "Mission St/16th St". */
    String intersection(SplittableRandom random) {
        return mainStreets.get(random.nextInt(mainStreets.size()))
                + "/" + crossStreets.get(random.nextInt(crossStreets.size()));
    }
}
