package org.sfcrime.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.RunningCommand;

/**
 * A child process (one of our jars, a Kafka perf tool, spark-submit) started from the project
 * root as a user starts it, its stdout and stderr going to DIR/NAME.out and DIR/NAME.err. Every
 * wait is bounded. While it waits it polls the peak resident size of the child and its
 * descendants (a wrapper script's java child included). Children still running when this JVM
 * exits (Ctrl-C, a kill) are killed with their descendants, which would otherwise outlive us.
 */
public final class ChildRun implements AutoCloseable {

    /** A JVM's uncaught exception: "Exception in thread ..." or "java.lang.OutOfMemoryError: ...". */
    private static final Pattern FAILURE_LINE = Pattern.compile("Exception in thread|[\\w.$]+(Exception|Error)\\b");

    private static final Set<ChildRun> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildRun::close), "kill-children"));
    }

    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final long startNanos = System.nanoTime();
    private long wallNanos;
    private long peakRssBytes;
    private int exitCode = -1;
    private String failure = "";

    /** Starts the command; for one that runs until it is stopped. */
    public ChildRun(List<String> command, Path dir, String name) {
        stdoutFile = dir.resolve(name + ".out");
        stderrFile = dir.resolve(name + ".err");
        try {
            process = new ProcessBuilder(command).directory(ProjectPaths.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile()).start();
        } catch (IOException e) {
            throw new BenchFailure("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        RUNNING.add(this);
    }

    /** Runs the command to its end, or kills it at the deadline; see {@link #failure}. */
    public static ChildRun run(List<String> command, Path dir, String name, Duration timeout) {
        try (ChildRun child = new ChildRun(command, dir, name)) {
            child.waitFor(timeout);
            return child;
        }
    }

    public static List<String> java(String... args) {
        return Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()), Stream.of(args))
                .collect(Collectors.toList());
    }

    private void waitFor(Duration timeout) {
        try {
            // 50 ms: often enough that the last poll before the exit sees (nearly) the final high-water mark
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                Stream.concat(Stream.of(process.toHandle()), process.descendants())
                        .forEach(child -> peakRssBytes = Math.max(peakRssBytes, vmHwmBytes(child.pid())));
                if (System.nanoTime() - startNanos > timeout.toNanos()) {
                    close();
                    failure = "timed out after " + timeout.toSeconds() + " s";
                    return;
                }
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while a child process ran", e);
        }
        wallNanos = System.nanoTime() - startNanos;
        exitCode = process.exitValue();
        failure = exitCode == 0 ? "" : "exit " + exitCode + ": " + tail();
    }

    /** -1 when it was killed at the deadline. */
    public int exitCode() {
        return exitCode;
    }

    /** Why a run failed: "timed out after N s" or "exit N: " and what went wrong; "" when it exited 0. */
    public String failure() {
        return failure;
    }

    /** Asks the child to stop (SIGTERM runs Spark's shutdown hooks), and kills it after the grace period. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Waits until the output contains the text; false when the child exited or the timeout passed first. */
    public boolean awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (boolean alive = true; alive && System.nanoTime() - deadline < 0; sleep(200)) {
            alive = process.isAlive();
            if (stdout().contains(text) || stderr().contains(text)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** JVM start-up included. */
    public double wallSeconds() {
        return (wallNanos > 0 ? wallNanos : System.nanoTime() - startNanos) / 1e9;
    }

    /** 0 when unknown. */
    public long peakRssBytes() {
        return peakRssBytes;
    }

    public String stdout() {
        return read(stdoutFile);
    }

    public String stderr() {
        return read(stderrFile);
    }

    /** What went wrong: the first "error:" or exception line of stderr (else stdout), else the last line. */
    public String tail() {
        String stderr = stderr();
        List<String> lines = (stderr.isBlank() ? stdout() : stderr).strip().lines().map(String::strip).toList();
        return lines.stream().filter(line -> line.startsWith("error:") || FAILURE_LINE.matcher(line).lookingAt()).findFirst()
                .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        RunningCommand.destroyTree(process);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }

    /** "VmHWM:  123456 kB" in /proc/PID/status, 0 when gone: the kernel keeps the peak, so a poll only has to come once before the exit. */
    private static long vmHwmBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:")).findFirst()
                    .map(line -> Long.parseLong(line.split("\\s+")[1]) * 1024).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // not written yet
        }
    }
}
