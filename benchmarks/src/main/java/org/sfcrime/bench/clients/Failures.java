package org.sfcrime.bench.clients;

/** Turns what stopped a benchmark into the one-line error it prints. */
final class Failures {

    private static final int MAX_LENGTH = 400;

    private Failures() {
    }

    static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + " ...";
    }
}
