package org.sfcrime.record;

import java.util.Arrays;

/**
 * Removes the whitespace between the tokens of JSON text that a parser has already accepted;
 * everything inside strings, escapes included, is copied as it is.
 */
final class CompactJson {

    private CompactJson() {
    }

    static byte[] copy(byte[] json, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            if (inString) {
                out[n++] = b;
                if (b == '\\') {
                    out[n++] = json[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                out[n++] = b;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out[n++] = b;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
