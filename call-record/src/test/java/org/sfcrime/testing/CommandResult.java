package org.sfcrime.testing;

import java.util.List;

/** What a finished child process left behind. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** For assertion messages: the command, its exit code and the tail of its output. */
    public String describe() {
        return String.join(" ", command) + "\n  exit " + exitCode
                + "\n  stdout: " + tail(stdout) + "\n  stderr: " + tail(stderr);
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
