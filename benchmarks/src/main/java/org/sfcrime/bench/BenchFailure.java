package org.sfcrime.bench;

/** A benchmark or study that cannot go on; its message is the one-line error the command prints (exit 1). */
public final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
