package org.sfcrime.cli;

/**
 * A failure at run time that the user can act on: a missing broker or topic, an unreadable file,
 * a refused login. Its message is one line that names what failed; the command exits with
 * {@link ExitCodes#FAILURE} and prints no stack trace.
 */
public class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message, null, false, false);
    }

    /** The message of the innermost cause, or its class name when it has none. */
    public static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
