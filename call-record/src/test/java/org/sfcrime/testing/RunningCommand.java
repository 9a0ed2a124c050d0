package org.sfcrime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process started by {@link Commands#start}, running while the test does something else
 * (kills a broker, watches its progress); its output is collected in temporary files.
 */
public final class RunningCommand implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    RunningCommand(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process has written to stderr so far. */
    public String stderrSoFar() {
        return read(stderr);
    }

    /** Waits for the process to end; kills it and fails when it outlives the timeout. */
    public CommandResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy();
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s: " + String.join(" ", command)
                        + "\n  stderr: " + read(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return new CommandResult(command, process.exitValue(), read(stdout), read(stderr));
    }

    /** Kills the process (and its children) if it still runs, and deletes the output files. */
    @Override
    public void close() {
        destroy();
        deleteQuietly(stdout);
        deleteQuietly(stderr);
    }

    private void destroy() {
        destroyTree(process);
    }

    /** Kills a process that is still running and everything it started, and waits (at most 10 s) for it to go. */
    public static void destroyTree(Process process) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
