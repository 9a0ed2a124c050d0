package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigestIndexTest {

    @Test
    void numbersDistinctDigestsInTheOrderFirstAdded() {
        DigestIndex index = new DigestIndex(4);
        assertEquals(0, index.number(index.add(7, 1)));
        assertEquals(1, index.number(index.add(8, 2)));
        assertEquals(0, index.number(index.add(7, 1)));
        assertEquals(1, index.number(index.find(8, 2)));
        assertEquals(-1, index.find(9, 3));
        assertEquals(2, index.size());
    }

    @Test
    void tellsDigestsApartThatShareTheirLowHalf() {
        DigestIndex index = new DigestIndex(4);
        assertEquals(0, index.number(index.add(1, 42)));
        assertEquals(1, index.number(index.add(2, 42)));
        assertEquals(-1, index.find(3, 42));
        assertEquals(1, index.number(index.find(2, 42)));
        assertEquals(-1, index.find(1, 43));
    }

    @Test
    void keepsACountAndATagPerDigest() {
        DigestIndex index = new DigestIndex(4);
        int first = index.add(1, 1);
        index.tag(first, -7);
        int second = index.add(2, 2);
        assertEquals(0, index.count(second));
        assertEquals(1, index.increment(index.find(1, 1)));
        assertEquals(2, index.increment(index.find(1, 1)));
        assertEquals(2, index.count(index.find(1, 1)));
        assertEquals(0, index.count(index.find(2, 2)));
        assertEquals(-7, index.tag(index.find(1, 1)));
        assertEquals(0, index.number(index.find(1, 1)));
    }

    @Test
    void agreesWithAHashMapWhileGrowingFarBeyondItsFirstSize() {
        DigestIndex index = new DigestIndex(16);
        Map<RecordDigest, Integer> numbers = new HashMap<>();
        Map<RecordDigest, Integer> counts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(20181231);
        RecordDigest[] added = new RecordDigest[50_000];
        for (int i = 0; i < added.length; i++) {
            // Few distinct low halves, so that probing runs long and crosses the table's end.
            added[i] = i % 3 == 0 && i > 0 ? added[random.nextInt(i)]
                    : new RecordDigest(random.nextLong(), random.nextInt(64) * 1024L);
            Integer expected = numbers.computeIfAbsent(added[i], digest -> numbers.size());
            int handle = index.add(added[i].high(), added[i].low());
            assertEquals(expected, index.number(handle));
            if (i % 2 == 0) {
                index.increment(handle);
                counts.merge(added[i], 1, Integer::sum);
            }
        }
        assertEquals(numbers.size(), index.size());
        assertEquals(numbers.size(), index.handles().length);
        numbers.forEach((digest, number) -> {
            int handle = index.find(digest.high(), digest.low());
            assertEquals(number, index.number(handle));
            assertEquals(counts.getOrDefault(digest, 0), index.count(handle));
        });
        assertEquals(-1, index.find(random.nextLong(), 5));
    }
}
