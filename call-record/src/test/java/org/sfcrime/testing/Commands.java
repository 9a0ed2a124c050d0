package org.sfcrime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs child processes with a deadline, the way a user's shell would. */
public final class Commands {

    private Commands() {
    }

    /** Runs a command in the project root; kills it and fails when it outlives the timeout. */
    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, command, null);
    }

    /** Runs a command in the project root; one killed at the deadline gives a result that says so ({@link CommandResult#timedOut}). */
    public static CommandResult runBounded(Duration timeout, List<String> command) {
        try (RunningCommand running = start(command, null)) {
            return running.finish(timeout);
        }
    }

    /** As {@link #run(Duration, List)}, with stdin read from a file when it is not null. */
    public static CommandResult run(Duration timeout, List<String> command, Path stdin) {
        try (RunningCommand running = start(command, stdin)) {
            return running.await(timeout);
        }
    }

    /**
     * Starts a command in the project root and returns while it runs, stdin from a file when it is
     * not null; close the result (try-with-resources) so that it never outlives the test.
     */
    public static RunningCommand start(List<String> command, Path stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("cmd-out", ".txt");
            err = Files.createTempFile("cmd-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(ProjectPaths.root().toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            return new RunningCommand(command, builder.start(), out, err);
        } catch (IOException e) {
            deleteQuietly(out);
            deleteQuietly(err);
            throw new IllegalStateException("cannot run " + command, e);
        }
    }

    /** A {@code java -jar} command line for one of the project's jars, with a small heap. */
    public static List<String> javaJar(Path jar, String... args) {
        List<String> command = java("-Xmx512m", "-jar", jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** A command line of the java that runs this JVM, with these arguments; a mutable list. */
    public static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
