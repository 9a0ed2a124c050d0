package org.sfcrime.sample;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a sample goes: standard output ("-") or a file. A file is written under a temporary
 * name next to it and renamed when complete, so a failed or interrupted run never leaves a
 * truncated sample for the producer to replay. Counts the bytes written either way.
 */
final class SampleOutput implements Closeable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final String name;
    private final Path target;
    private final Path partial;
    private final CountingStream stream;
    private boolean committed;

    private SampleOutput(String name, Path target, Path partial, OutputStream out) {
        this.name = name;
        this.target = target;
        this.partial = partial;
        this.stream = new CountingStream(out);
    }

    static SampleOutput open(String destination, PrintStream stdout) throws IOException {
        if ("-".equals(destination)) {
            return new SampleOutput("standard output", null, null, new FailFastStream(stdout));
        }
        Path target = Path.of(destination);
        if (Files.isDirectory(target)) {
            throw new IOException("is a directory");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER_SIZE);
        return new SampleOutput(destination, target, partial, file);
    }

    OutputStream stream() {
        return stream;
    }

    String name() {
        return name;
    }

    long bytesWritten() {
        return stream.count;
    }

    /** Makes the written sample visible under its name. */
    void commit() throws IOException {
        stream.flush();
        if (target != null) {
            stream.close();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    /** Releases the file; without a commit, removes what was written. Never closes standard output. */
    @Override
    public void close() throws IOException {
        if (target == null) {
            return;
        }
        try {
            stream.close();
        } finally {
            if (!committed) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /**
     * PrintStream swallows write errors (a closed pipe, a full disk); checking after each chunk
     * stops the run at the first failure instead of generating the rest for nothing.
     */
    private static final class FailFastStream extends FilterOutputStream {
        private final PrintStream stdout;

        FailFastStream(PrintStream stdout) {
            super(stdout);
            this.stdout = stdout;
        }

        @Override
        public void write(int b) throws IOException {
            stdout.write(b);
            check();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            stdout.write(bytes, offset, length);
            check();
        }

        @Override
        public void flush() throws IOException {
            stdout.flush();
            check();
        }

        private void check() throws IOException {
            if (stdout.checkError()) {
                throw new IOException("write failed (closed pipe?)");
            }
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        // FilterOutputStream would otherwise write array contents one byte at a time.
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
