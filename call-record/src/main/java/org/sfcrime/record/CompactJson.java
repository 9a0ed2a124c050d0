package org.sfcrime.record;

import java.util.Arrays;

/**
 * Removes the whitespace between the tokens of JSON text that a parser has already accepted;
 * everything inside strings, escapes included, is copied as it is. Outside strings, valid JSON
 * has no byte at or below the space other than whitespace, and no byte above 0x7f.
 */
final class CompactJson {

    private CompactJson() {
    }

    static byte[] copy(byte[] json, int from, int to) {
        byte[] out = new byte[to - from];
        int n = copy(json, from, to, out);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Writes the compact text to the start of {@code out}, which must hold {@code to - from} bytes.
     *
     * @return how many bytes were written
     */
    static int copy(byte[] json, int from, int to, byte[] out) {
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = json[i];
            if (b == '"') {
                // A string is copied whole: find its closing quote, stepping over escaped characters.
                int start = i++;
                for (byte c = json[i]; c != '"'; c = json[i]) {
                    i += c == '\\' ? 2 : 1;
                }
                i++;
                System.arraycopy(json, start, out, n, i - start);
                n += i - start;
            } else {
                if (b > ' ') {
                    out[n++] = b;
                }
                i++;
            }
        }
        return n;
    }
}
