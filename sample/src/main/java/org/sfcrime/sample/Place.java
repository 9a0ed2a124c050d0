package org.sfcrime.sample;

/** Where a call came from: the location fields of one record. */
record Place(String address, String city, String addressType, String commonLocation) {
}
