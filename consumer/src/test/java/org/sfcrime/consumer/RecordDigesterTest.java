package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sfcrime.testing.CallJson;

/** The digest is the reference MurmurHash3 x64 128 (Guava's murmur3_128 gives the same 16 bytes, little-endian: low half first). */
class RecordDigesterTest {

    private final RecordDigester digester = new RecordDigester();

    private RecordDigest digest(String text) {
        return digester.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void matchesTheReferenceMurmur3Values() {
        assertEquals(new RecordDigest(0, 0), digest(""));
        assertEquals(new RecordDigest(0x7a433ca9c49a9347L, 0xe34bbc7bbc071b6cL),
                digest("The quick brown fox jumps over the lazy dog"));
        assertEquals(new RecordDigest(0x99559c5cd7bc4594L, 0xee1330e515715d64L), digest("{\"crime_id\":\"182751007\"}"));
    }

    @Test
    void tellsRecordsThatDifferInOneCharacterApart() {
        assertNotEquals(digest(CallJson.text(CallFixtures.call(1))),
                digest(CallJson.text(CallFixtures.call(1)).replace("\"CA\"", "\"CB\"")));
    }
}
