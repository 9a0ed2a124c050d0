package org.sfcrime.consumer;

/**
 * The 128-bit MurmurHash3 of a record's compact JSON bytes: a fixed-size stand-in for
 * the record, so the verifier's memory grows by a few dozen bytes per record whatever its size.
 * 128 bits make an accidental collision among millions of records practically impossible.
 */
record RecordDigest(long high, long low) {
}
