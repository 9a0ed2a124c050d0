package org.sfcrime.record;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes the JSON parser has read since the start of the current record, so that the
 * record can be copied out as it was written once the parser has validated it.
 *
 * <p>Why: building a tree of each record and writing it again cost most of the time of reading a
 * calls file (decoding, then re-encoding every string). The parser reports where a record starts
 * and ends in bytes; this stream is where those bytes still are. Memory stays at one record plus
 * the parser's read-ahead: bytes before {@link #release} are dropped when the buffer fills.
 */
final class RecordingInputStream extends FilterInputStream {

    private byte[] buffer = new byte[1 << 16];
    /** Offset in the stream of buffer[0]. */
    private long bufferStart;
    private int length;
    /** Offset in the stream before which bytes are no longer needed. */
    private long releasedUpTo;
    private final byte[] single = new byte[1];

    RecordingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            single[0] = (byte) b;
            append(single, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            append(b, off, n);
        }
        return n;
    }

    /** Skipping would leave a hole in what was read: the bytes are read and recorded instead. */
    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 1 << 13)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * The JSON text from {@code from} (inclusive) to {@code to} (exclusive), offsets in the stream,
     * without the whitespace between its tokens ({@link CompactJson}): only for text the parser has
     * already accepted.
     */
    byte[] compactCopy(long from, long to) {
        if (from < bufferStart || to > bufferStart + length || from > to) {
            throw new IllegalStateException("bytes " + from + " to " + to + " are not recorded (have "
                    + bufferStart + " to " + (bufferStart + length) + ")");
        }
        return CompactJson.copy(buffer, (int) (from - bufferStart), (int) (to - bufferStart));
    }

    /** Bytes read from the stream so far: the offset of the next byte. */
    long position() {
        return bufferStart + length;
    }

    /** Bytes before this offset will not be asked for again. */
    void release(long offset) {
        releasedUpTo = Math.max(releasedUpTo, offset);
    }

    private void append(byte[] b, int off, int n) {
        if (length + n > buffer.length) {
            int drop = (int) Math.min(length, Math.max(0, releasedUpTo - bufferStart));
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            bufferStart += drop;
            length -= drop;
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
            }
        }
        System.arraycopy(b, off, buffer, length, n);
        length += n;
    }
}
