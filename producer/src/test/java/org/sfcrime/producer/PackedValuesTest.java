package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedValuesTest {

    @Test
    void everyValueComesBackAsStoredAcrossBufferBoundaries() {
        PackedValues values = new PackedValues();
        Random random = new Random(7);
        List<byte[]> stored = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        // 24 MB in all: spans the growing buffers (1, 2, 4 MB) and two of the largest (8 MB)
        for (long total = 0; total < 24 << 20; ) {
            byte[] value = new byte[random.nextInt(2_000)];
            random.nextBytes(value);
            stored.add(value);
            positions.add(values.add(value));
            total += value.length;
        }
        for (int i = stored.size() - 1; i >= 0; i--) {
            assertArrayEquals(stored.get(i), values.get(positions.get(i), stored.get(i).length), "value " + i);
        }
    }

    @Test
    void aValueLargerThanAnyBufferGetsOneOfItsOwn() {
        PackedValues values = new PackedValues();
        byte[] small = "{\"crime_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[9 << 20]; // more than the largest buffer
        new Random(11).nextBytes(huge);
        long first = values.add(small);
        long second = values.add(huge);
        long third = values.add(small);
        assertArrayEquals(small, values.get(first, small.length));
        assertArrayEquals(huge, values.get(second, huge.length));
        assertArrayEquals(small, values.get(third, small.length));
    }

    @Test
    void anEmptyValueIsStoredToo() {
        PackedValues values = new PackedValues();
        long position = values.add(new byte[0]);
        assertArrayEquals(new byte[0], values.get(position, 0));
    }
}
