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

    /** What stopped a run, as one line of at most 400 characters: multi-line messages would break the progress output. */
    public static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() <= 400 ? line : line.substring(0, 400) + " ...";
    }
}
