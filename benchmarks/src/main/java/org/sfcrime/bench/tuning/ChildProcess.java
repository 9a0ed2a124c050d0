package org.sfcrime.bench.tuning;

import org.sfcrime.bench.BenchFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sfcrime.testing.ProjectPaths;

/**
 * A child process of the study (the stream job through scripts/spark-submit, the producer), as a
 * user starts it from the project root, with stdout and stderr going to a log file. Every wait is
 * bounded; {@link #close()} kills what is still running, descendants included.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long startNanos;

    private ChildProcess(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    /**
     * The spark-submit command line.
     *
     * @param submitOptions spark-submit's options (--master, --conf ...)
     * @param jobJar        the stream job's jar
     * @param jobOptions    the job's options
     */
    static List<String> sparkSubmit(List<String> submitOptions, Path jobJar, List<String> jobOptions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit"));
        command.addAll(submitOptions);
        command.add(jobJar.toString());
        command.addAll(jobOptions);
        return command;
    }

    static ChildProcess start(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(ProjectPaths.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new ChildProcess(process, log, System.nanoTime());
        } catch (IOException e) {
            throw new BenchFailure("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the exit; returns the exit code, or -1 when the timeout passed first (the process is then killed). */
    int waitFor(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            kill();
            return -1;
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while a child process ran", e);
        }
    }

    /** Milliseconds since the start. */
    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the log contains the text; false when the process exited or the timeout passed first. */
    boolean awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return logText().contains(text);
            }
            sleep(200);
        }
        return false;
    }

    /** Asks the process to stop (SIGTERM runs Spark's shutdown hooks), then kills it after the grace period. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last line of the log that says "error", or the last line, for a one-line failure message. */
    String lastError() {
        List<String> lines = logText().strip().lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("error") || lines.get(i).contains("Exception")) {
                return lines.get(i).strip();
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }
}
