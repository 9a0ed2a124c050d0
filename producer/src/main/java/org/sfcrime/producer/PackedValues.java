package org.sfcrime.producer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a whole file, packed end to end into a few buffers outside the Java heap.
 *
 * <p>Why: event-time order holds every value until it is sent. Held as one array per call, the
 * 200k-record extract is 200,000 arrays (82 MB) that the collector copies out of the young
 * generation and marks again and again while the file is read, in a heap they nearly fill.
 * Packed here, the heap keeps about 20 MB of small objects and the collector has little to do
 * (measured in docs/PERFORMANCE.md). A value is copied back into the heap only when it is sent.
 *
 * <p>Direct buffers are limited by {@code -XX:MaxDirectMemorySize}, which defaults to the heap's
 * maximum ({@code -Xmx}); running out throws {@link OutOfMemoryError} like a full heap.
 */
final class PackedValues {

    /** Buffers double from the first size up to the last, so that a small file takes little. */
    private static final int FIRST_BUFFER_BYTES = 1 << 20;
    private static final int LAST_BUFFER_BYTES = 8 << 20;

    private final List<ByteBuffer> buffers = new ArrayList<>();
    private ByteBuffer current;

    /** Stores a copy of the value; returns where it went, for {@link #get}. */
    long add(byte[] value) {
        if (current == null || current.remaining() < value.length) {
            int size = current == null ? FIRST_BUFFER_BYTES : Math.min(LAST_BUFFER_BYTES, current.capacity() * 2);
            current = ByteBuffer.allocateDirect(Math.max(size, value.length));
            buffers.add(current);
        }
        long position = ((long) (buffers.size() - 1) << 32) | current.position();
        current.put(value);
        return position;
    }

    /** A copy, in the heap, of the value of the given length stored at the given position. */
    byte[] get(long position, int length) {
        byte[] value = new byte[length];
        buffers.get((int) (position >>> 32)).get((int) position, value);
        return value;
    }
}
