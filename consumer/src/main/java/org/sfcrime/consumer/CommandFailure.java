package org.sfcrime.consumer;

/**
 * A run-time failure the user can act on (broker unreachable, topic missing, unreadable file,
 * deadline expired). The message is one line, printed as {@code error: <message>} with no stack
 * trace, and the command exits with 1.
 */
public class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message, null, false, false);
    }
}
