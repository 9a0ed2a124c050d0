package org.sfcrime.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one line a producer that ran out of memory prints, wherever it ran out (the sort, Kafka's
 * buffers): the heap it had, what event-time order needs for this input, and the two fixes.
 */
final class OutOfMemoryAdvice {

    private static final long MB = 1024 * 1024;
    /**
     * Event-time order keeps about 0.5 KB per call, which is about the size of the call in the file
     * (the DataSF extract: 112 MB of pretty-printed JSON for 200,000 calls, about 100 MB in the heap).
     */
    private static final double HEAP_BYTES_PER_FILE_BYTE = 1.0;
    /** Room beyond the sorted calls: the JVM itself and Kafka's send buffers (buffer.memory, 32 MB by default). */
    private static final long HEADROOM_BYTES = 128 * MB;

    private OutOfMemoryAdvice() {
    }

    static String message(String input, ReplayOrder order, long maxHeapBytes) {
        String heap = "out of memory with a heap of at most " + maxHeapBytes / MB + " MB";
        if (order == ReplayOrder.FILE) {
            return heap + " (--order file streams the calls): run java with a larger -Xmx";
        }
        long inputBytes = uncompressedSize(input);
        if (inputBytes < 0) {
            return heap + ": event-time order holds the whole input in the heap, about 0.5 KB per call:"
                    + " run java with a larger -Xmx, or use --order file, which streams";
        }
        long needed = (long) (inputBytes * HEAP_BYTES_PER_FILE_BYTE);
        long suggested = roundUpTo64Mb(needed + HEADROOM_BYTES);
        return heap + ": event-time order holds all of " + input + " in the heap, about " + Math.max(1, needed / MB)
                + " MB: run java -Xmx" + suggested / MB + "m -jar producer.jar, or use --order file, which streams";
    }

    /** The file's size, uncompressed when gzipped (from the gzip trailer); -1 for standard input or an unreadable file. */
    private static long uncompressedSize(String input) {
        if ("-".equals(input)) {
            return -1;
        }
        Path path = Path.of(input);
        try (InputStream in = Files.newInputStream(path)) {
            if (in.read() != 0x1f || in.read() != 0x8b) {
                return Files.size(path);
            }
        } catch (IOException e) {
            return -1;
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            file.seek(file.length() - 4);
            return Integer.toUnsignedLong(Integer.reverseBytes(file.readInt()));
        } catch (IOException e) {
            return -1;
        }
    }

    private static long roundUpTo64Mb(long bytes) {
        long unit = 64 * MB;
        return (bytes + unit - 1) / unit * unit;
    }
}
