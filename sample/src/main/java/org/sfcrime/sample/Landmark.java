package org.sfcrime.sample;

/**
 * A named place dispatchers pick from a list: the record's {@code common_location}, with the
 * address that goes with it.
 */
record Landmark(String name, String address) {
}
