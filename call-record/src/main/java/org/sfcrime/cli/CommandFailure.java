package org.sfcrime.cli;

/**
 * A failure at run time that the user can act on: a missing broker or topic, an unreadable file,
 * a refused login. Its message is one line that names what failed; the command exits with
 * {@link ExitCodes#FAILURE} and prints no stack trace.
 */
public class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(String message) {
        this(message, ExitCodes.FAILURE);
    }

    private CommandFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A mistake in what the user gave (a misspelt setting in a file) found after parsing: exit {@link ExitCodes#USAGE}. */
    public static CommandFailure usage(String message) {
        return new CommandFailure(message, ExitCodes.USAGE);
    }

    public int exitCode() {
        return exitCode;
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
