package org.sfcrime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs child processes with a deadline, the way a user's shell would. */
public final class Commands {

    private Commands() {
    }

    /** Runs a command in the project root; kills it and fails when it outlives the timeout. */
    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, command, null);
    }

    /** As {@link #run(Duration, List)}, with stdin read from a file when it is not null. */
    public static CommandResult run(Duration timeout, List<String> command, Path stdin) {
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
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s: " + String.join(" ", command)
                        + "\n  stderr: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new CommandResult(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** A {@code java -jar} command line for one of the project's jars, with a small heap. */
    public static List<String> javaJar(Path jar, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toString());
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
