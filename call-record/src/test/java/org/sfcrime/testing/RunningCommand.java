package org.sfcrime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child process started by {@link Commands#start}, running while the caller does something else
 * (kills a broker, watches its progress); its output is collected in temporary files. While it is
 * awaited it notes the peak resident size of the process and its descendants (a wrapper script's
 * java child included). Closing it kills it with its descendants, and so does this JVM's exit
 * (Ctrl-C, a kill): a broker or spark-submit would otherwise outlive us.
 */
public final class RunningCommand implements AutoCloseable {

    private static final Set<RunningCommand> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RunningCommand::close), "kill-children"));
    }

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long startNanos = System.nanoTime();
    private long peakRssBytes;

    RunningCommand(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        RUNNING.add(this);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process has written to stderr so far. */
    public String stderrSoFar() {
        return read(stderr);
    }

    /** What went wrong so far, as {@link CommandResult#failureLine}. */
    public String failureLineSoFar() {
        return CommandResult.failureLine(read(stdout), read(stderr));
    }

    /** Waits until stdout or stderr contains the text; false when the process ended or the timeout passed first. */
    public boolean awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (boolean alive = true; alive && System.nanoTime() - deadline < 0; sleep(200)) {
            alive = process.isAlive();
            if (read(stdout).contains(text) || read(stderr).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the process to end; kills it and fails when it outlives the timeout. */
    public CommandResult await(Duration timeout) {
        CommandResult result = finish(timeout);
        if (result.timedOut()) {
            throw new AssertionError(result.failure() + ": " + String.join(" ", command) + "\n  stderr: " + result.stderr());
        }
        return result;
    }

    /** Waits for the process to end, or kills it at the deadline: then the result is {@link CommandResult#timedOut}. */
    public CommandResult finish(Duration timeout) {
        int exitCode = CommandResult.TIMED_OUT;
        long wallNanos;
        try {
            // 50 ms: often enough that the last poll before the exit sees (nearly) the final high-water mark
            while (!process.waitFor(50, TimeUnit.MILLISECONDS) && System.nanoTime() - startNanos < timeout.toNanos()) {
                Stream.concat(Stream.of(process.toHandle()), process.descendants())
                        .forEach(child -> peakRssBytes = Math.max(peakRssBytes, vmHwmBytes(child.pid())));
            }
            wallNanos = System.nanoTime() - startNanos;
            if (process.isAlive()) {
                destroy();
            } else {
                exitCode = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return new CommandResult(command, exitCode, read(stdout), read(stderr), wallNanos / 1e9, peakRssBytes);
    }

    /** Asks the process to stop (SIGTERM runs Spark's shutdown hooks), and kills it after the grace period. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy();
    }

    /** Kills the process (and its children) if it still runs, and deletes the output files. */
    @Override
    public void close() {
        RUNNING.remove(this);
        destroy();
        deleteQuietly(stdout);
        deleteQuietly(stderr);
    }

    /** Kills the process if it still runs and everything it started, and waits (at most 10 s) for it to go. */
    private void destroy() {
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

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // deleted by close
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
