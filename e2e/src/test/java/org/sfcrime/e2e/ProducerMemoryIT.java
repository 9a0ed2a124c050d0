package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.SharedBroker;

/**
 * The producer jar out of memory, wherever it runs out: one line with the heap it had, what
 * event-time order needs for the file, and the fixes; no stack trace.
 */
class ProducerMemoryIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    /** About 28 MB of calls, against a 16 MB heap: enough to stream them, not to hold them. */
    private static final int RECORDS = 50_000;
    private static final String TINY_HEAP = "-Xmx16m";
    private static final String TOPIC = "tiny-heap.calls";

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    static Path dir;

    private static Path calls;

    @BeforeAll
    static void generateCalls() {
        broker.createTopic(TOPIC, 1);
        calls = dir.resolve("calls.json");
        CommandResult generated = Commands.run(CLI_TIMEOUT, Commands.java("-jar", ProjectPaths.resolve("sample/target/sample.jar").toString(),
                "--records", String.valueOf(RECORDS), "--output", calls.toString()));
        assertEquals(0, generated.exitCode(), generated.describe());
    }

    @Test
    void tooLittleMemoryForEventTimeOrderIsOneLineNamingTheRemedies() {
        CommandResult sorted = Commands.run(CLI_TIMEOUT, producer());
        assertOneErrorLine(sorted, "error: out of memory with a heap of at most \\d+ MB: event-time order holds all of "
                + calls + " in the heap, about 2\\d MB: run java -Xmx192m -jar producer.jar, or use --order file, which streams");

        CommandResult streamed = Commands.run(CLI_TIMEOUT, producer("--order", "file"));
        assertEquals(0, streamed.exitCode(), streamed.describe());
        assertTrue(streamed.stderr().matches("(?s).*\\n  acknowledged +50,000\\n.*"), streamed.describe());
    }

    /** Kafka's send buffer, not the sort, runs out here: a batch far larger than the heap. */
    @Test
    void runningOutOfMemoryOutsideTheSortIsTheSameOneLine() {
        CommandResult buffered = Commands.run(CLI_TIMEOUT, producer("--order", "file",
                "--producer-property", "batch.size=" + (64 << 20), "--producer-property", "buffer.memory=" + (128 << 20)));
        assertOneErrorLine(buffered, "error: out of memory with a heap of at most \\d+ MB \\(--order file streams the calls\\):"
                + " run java with a larger -Xmx");
    }

    private static void assertOneErrorLine(CommandResult result, String errorLine) {
        assertEquals(1, result.exitCode(), result.describe());
        List<String> lines = result.stderr().lines().toList();
        assertEquals(2, lines.size(), "the replay's first line, then one error line: " + result.describe());
        assertTrue(lines.get(0).startsWith("producer: replaying "), result.describe());
        assertTrue(lines.get(1).matches(errorLine), lines.get(1));
    }

    private static List<String> producer(String... args) {
        List<String> command = Commands.java(TINY_HEAP, "-jar", ProjectPaths.resolve("producer/target/producer.jar").toString(),
                "--bootstrap-server", broker.bootstrapServers(), "--input", calls.toString(), "--topic", TOPIC);
        command.addAll(List.of(args));
        return command;
    }
}
