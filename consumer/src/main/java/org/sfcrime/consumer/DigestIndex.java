package org.sfcrime.consumer;

/**
 * Numbers distinct {@link RecordDigest}s 0, 1, 2, ... in the order they are first added, and keeps
 * beside each a counter and a caller's 64-bit tag.
 *
 * <p>Why not a {@code HashMap<RecordDigest, ...>}: the verifier looks up every message, and in a
 * map of 200,000 entries each lookup chased a table slot, a node, a key object and a value object
 * through memory, which profiling showed as most of the verifier's own time. Here a digest, its
 * number, its counter and its tag sit side by side in one 32-byte slot (open addressing, linear
 * probing), so a lookup and the bookkeeping of a delivered message usually touch one cache line.
 * The digest is already well mixed, so its low bits pick the slot.
 *
 * <p>A lookup returns a handle to the slot; handles stay valid until the next {@link #add}.
 */
final class DigestIndex {

    private static final long EMPTY = -1;
    /** Per slot: high, low, tag, then count (upper 32 bits) and number (lower 32 bits). */
    private static final int SLOT_WIDTH = 4;
    private static final int TAG = 2;
    private static final int COUNT_AND_NUMBER = 3;

    private long[] slots;
    private int mask;
    private int size;

    DigestIndex(int expectedSize) {
        allocate(Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1);
    }

    /** How many distinct digests were added. */
    int size() {
        return size;
    }

    /** The handle of the digest's slot, or -1 when it was never added. */
    int find(long high, long low) {
        for (int slot = (int) low & mask; ; slot = (slot + 1) & mask) {
            int at = slot * SLOT_WIDTH;
            if (slots[at + COUNT_AND_NUMBER] == EMPTY) {
                return -1;
            }
            if (slots[at] == high && slots[at + 1] == low) {
                return at;
            }
        }
    }

    /** The handle of the digest's slot: the existing one, or a new slot numbered {@link #size()} with count 0 and tag 0. */
    int add(long high, long low) {
        int existing = find(high, low);
        if (existing >= 0) {
            return existing;
        }
        if ((size + 1) * 2 > mask + 1) {
            grow();
        }
        return put(high, low, 0, size++);
    }

    /** The number of the digest in the slot. */
    int number(int handle) {
        return (int) slots[handle + COUNT_AND_NUMBER];
    }

    int count(int handle) {
        return (int) (slots[handle + COUNT_AND_NUMBER] >>> 32);
    }

    /** Adds one to the slot's count and returns the new count. */
    int increment(int handle) {
        slots[handle + COUNT_AND_NUMBER] += 1L << 32;
        return count(handle);
    }

    long tag(int handle) {
        return slots[handle + TAG];
    }

    void tag(int handle, long tag) {
        slots[handle + TAG] = tag;
    }

    /** The handles of all occupied slots, in table order. */
    int[] handles() {
        int[] handles = new int[size];
        int next = 0;
        for (int at = 0; at < slots.length; at += SLOT_WIDTH) {
            if (slots[at + COUNT_AND_NUMBER] != EMPTY) {
                handles[next++] = at;
            }
        }
        return handles;
    }

    private int put(long high, long low, long tag, long countAndNumber) {
        int slot = (int) low & mask;
        while (slots[slot * SLOT_WIDTH + COUNT_AND_NUMBER] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        int at = slot * SLOT_WIDTH;
        slots[at] = high;
        slots[at + 1] = low;
        slots[at + TAG] = tag;
        slots[at + COUNT_AND_NUMBER] = countAndNumber;
        return at;
    }

    private void grow() {
        long[] old = slots;
        allocate((mask + 1) * 2);
        for (int at = 0; at < old.length; at += SLOT_WIDTH) {
            if (old[at + COUNT_AND_NUMBER] != EMPTY) {
                put(old[at], old[at + 1], old[at + TAG], old[at + COUNT_AND_NUMBER]);
            }
        }
    }

    private void allocate(int capacity) {
        slots = new long[capacity * SLOT_WIDTH];
        mask = capacity - 1;
        for (int at = COUNT_AND_NUMBER; at < slots.length; at += SLOT_WIDTH) {
            slots[at] = EMPTY;
        }
    }
}
