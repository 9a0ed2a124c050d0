package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.sfcrime.testing.ProjectPaths;

/**
 * Runs one child process to completion in the project root, with a deadline, timing it from
 * start to exit and polling the peak resident size of it and its descendants (a wrapper script's
 * java child included).
 */
final class ChildRun {

    /** A JVM's uncaught exception: "Exception in thread ..." or "java.lang.OutOfMemoryError: ...". */
    private static final Pattern FAILURE_LINE = Pattern.compile("Exception in thread|[\\w.$]+(Exception|Error)\\b");

    /** Often enough that the last poll before exit sees (nearly) the final high-water mark. */
    private static final long POLL_MILLIS = 50;

    private ChildRun() {
    }

    /**
     * What a finished child did.
     *
     * @param wallNanos     from start to exit, JVM start-up included
     * @param peakRssBytes  the highest VmHWM of the process or any descendant, 0 when unknown
     */
    record Result(List<String> command, int exitCode, String stdout, String stderr, long wallNanos, long peakRssBytes) {

        double wallSeconds() {
            return wallNanos / 1e9;
        }

        /**
         * The line of stderr (or stdout) that best says what went wrong, for a one-line failure
         * message: the first "error: ..." or exception line, else the last line (a stack trace's
         * last line is only its deepest frame).
         */
        String tail() {
            List<String> lines = (stderr.isBlank() ? stdout : stderr).strip().lines().map(String::strip).toList();
            return lines.stream()
                    .filter(line -> line.startsWith("error:") || FAILURE_LINE.matcher(line).lookingAt())
                    .findFirst()
                    .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        }
    }

    /**
     * Runs the command; kills its process tree and fails when it outlives the timeout.
     *
     * @throws BenchFailure when it cannot start or times out (the exit code is the caller's to judge)
     */
    static Result run(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("bench-out", ".txt");
            err = Files.createTempFile("bench-err", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(ProjectPaths.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            Map<Long, Long> peakByPid = new HashMap<>();
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                pollPeaks(process, peakByPid);
                if (System.nanoTime() - deadline >= 0) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new BenchFailure("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
                }
            }
            long wallNanos = System.nanoTime() - started;
            long peak = peakByPid.values().stream().mapToLong(Long::longValue).max().orElse(0);
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), wallNanos, peak);
        } catch (IOException e) {
            throw new BenchFailure("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while running " + command.get(0));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void pollPeaks(Process process, Map<Long, Long> peakByPid) {
        peakByPid.merge(process.pid(), PeakRss.bytes(process.pid()), Math::max);
        process.descendants().forEach(child -> peakByPid.merge(child.pid(), PeakRss.bytes(child.pid()), Math::max));
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
