package org.sfcrime.testing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a finished child process left behind: its exit code ({@link #TIMED_OUT} when it was killed
 * at its deadline), its output, its wall time from start to end (JVM start-up included) and the
 * peak resident size of its processes (0 when unknown).
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, double wallSeconds, long peakRssBytes) {

    public static final int TIMED_OUT = -1;

    /** A JVM's uncaught exception: "Exception in thread ..." or "java.lang.OutOfMemoryError: ...". */
    private static final Pattern FAILURE_LINE = Pattern.compile("Exception in thread|[\\w.$]+(Exception|Error)\\b");

    public boolean timedOut() {
        return exitCode == TIMED_OUT;
    }

    /** Why it failed: "timed out after N s" or "exit N: " and what went wrong; "" when it exited 0. */
    public String failure() {
        return exitCode == 0 ? "" : timedOut() ? String.format("timed out after %.0f s", wallSeconds)
                : "exit " + exitCode + ": " + failureLine(stdout, stderr);
    }

    /** For assertion messages: the command, its exit code and the tail of its output. */
    public String describe() {
        return String.join(" ", command) + "\n  exit " + exitCode
                + "\n  stdout: " + tail(stdout) + "\n  stderr: " + tail(stderr);
    }

    /** What went wrong: the first "error:" or exception line of stderr (else stdout), else the last line. */
    static String failureLine(String stdout, String stderr) {
        List<String> lines = (stderr.isBlank() ? stdout : stderr).strip().lines().map(String::strip).toList();
        return lines.stream().filter(line -> line.startsWith("error:") || FAILURE_LINE.matcher(line).lookingAt()).findFirst()
                .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
