package org.sfcrime.sample;

import java.util.SplittableRandom;

/**
 * Picks the location fields of a call: {@code city} and {@code address_type} with the real
 * extract's counts as weights, then an address in that city's streets. Only "Common Location"
 * calls carry a {@code common_location}; it is "" for all others, as in the extract.
 */
final class Places {

    static final String PREMISE_ADDRESS = "Premise Address";
    static final String INTERSECTION = "Intersection";
    static final String COMMON_LOCATION = "Common Location";
    static final String GEO_OVERRIDE = "Geo-Override";

    private static final WeightedTable<String> CITIES = WeightedTable.<String>builder()
            .add("San Francisco", 192_768).add("", 4_284).add("Treasure Isla", 2_258)
            .add("Yerba Buena", 446).add("Daly City", 103).add("Hunters Point", 82)
            .add("Presidio", 51).add("Brisbane", 5)
            .build();

    private static final WeightedTable<String> ADDRESS_TYPES = WeightedTable.<String>builder()
            .add(PREMISE_ADDRESS, 102_791).add(INTERSECTION, 64_091)
            .add(COMMON_LOCATION, 24_446).add(GEO_OVERRIDE, 8_671)
            .build();

    private Places() {
    }

    static Place pick(SplittableRandom random) {
        String city = CITIES.pick(random);
        Region region = regionOf(city);
        String addressType = ADDRESS_TYPES.pick(random);
        return switch (addressType) {
            case PREMISE_ADDRESS -> new Place(region.grid(random).blockAddress(random), city, addressType, "");
            case INTERSECTION -> new Place(region.grid(random).intersection(random), city, addressType, "");
            case COMMON_LOCATION -> {
                Landmark landmark = region.landmark(random);
                yield new Place(landmark.address(), city, addressType, landmark.name());
            }
            default -> {
                // A dispatcher's manual placement: a block or a corner.
                StreetGrid grid = region.grid(random);
                String address = random.nextInt(10) < 6 ? grid.blockAddress(random) : grid.intersection(random);
                yield new Place(address, city, addressType, "");
            }
        };
    }

    private static Region regionOf(String city) {
        return switch (city) {
            case "Treasure Isla" -> Regions.TREASURE_ISLAND;
            case "Yerba Buena" -> Regions.YERBA_BUENA;
            case "Daly City" -> Regions.DALY_CITY;
            case "Hunters Point" -> Regions.HUNTERS_POINT;
            case "Presidio" -> Regions.PRESIDIO;
            case "Brisbane" -> Regions.BRISBANE;
            // "San Francisco" and the extract's calls with an empty city.
            default -> Regions.SAN_FRANCISCO;
        };
    }
}
