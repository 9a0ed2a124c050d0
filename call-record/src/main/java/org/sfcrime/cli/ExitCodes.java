package org.sfcrime.cli;

/** The exit codes of every command of the project, stated in each --help. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Failure at run time: a {@link CommandFailure}, failed sends, a delivery that does not match. */
    public static final int FAILURE = 1;
    /** Usage error: an unknown option, a bad value, options that do not combine. */
    public static final int USAGE = 2;
    /** Stopped by SIGINT (128 + 2), after flushing and printing the summary. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15). */
    public static final int TERMINATED = 143;

    /** The exit-code line of every --help, and of the README and each component's doc. */
    public static final String HELP = "Exit status: 0 success, 1 failure at run time, 2 usage error,"
            + " 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.";

    private ExitCodes() {
    }
}
