package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.SharedBroker;

/**
 * The producer jar when event-time order does not fit in memory: it holds every call of the file
 * in the heap to sort it, so a heap much smaller than the file runs out while reading.
 */
class ProducerMemoryIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    /** About 28 MB of calls, against a 16 MB heap: enough to stream them, not to hold them. */
    private static final int RECORDS = 50_000;
    private static final String TINY_HEAP = "-Xmx16m";

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @TempDir
    Path dir;

    @Test
    void tooLittleMemoryForEventTimeOrderIsOneLineNamingTheRemedies() {
        String topic = "tiny-heap.calls";
        broker.createTopic(topic, 1);
        Path calls = dir.resolve("calls.json");
        Path jar = ProjectPaths.resolve("producer/target/producer.jar");
        Path sampleJar = ProjectPaths.resolve("sample/target/sample.jar");
        CommandResult generated = Commands.run(CLI_TIMEOUT, Commands.java("-jar", sampleJar.toString(),
                "--records", String.valueOf(RECORDS), "--output", calls.toString()));
        assertEquals(0, generated.exitCode(), generated.describe());

        CommandResult sorted = Commands.run(CLI_TIMEOUT, producer(jar, calls, "--topic", topic));
        assertEquals(1, sorted.exitCode(), sorted.describe());
        assertTrue(sorted.stderr().contains("error: " + calls + ": memory ran out after "), sorted.describe());
        assertTrue(sorted.stderr().contains("raise -Xmx or use --order file\n"), sorted.describe());
        assertEquals(1, sorted.stderr().lines().filter(line -> line.contains("memory")).count(), sorted.describe());
        assertFalse(sorted.stderr().contains("\tat "), "no stack trace: " + sorted.describe());

        CommandResult streamed = Commands.run(CLI_TIMEOUT, producer(jar, calls, "--topic", topic, "--order", "file"));
        assertEquals(0, streamed.exitCode(), streamed.describe());
        assertTrue(streamed.stderr().matches("(?s).*\\n  acknowledged +50,000\\n.*"), streamed.describe());
    }

    private static List<String> producer(Path jar, Path calls, String... args) {
        List<String> command = Commands.java(TINY_HEAP, "-jar", jar.toString(),
                "--bootstrap-server", broker.bootstrapServers(), "--input", calls.toString());
        command.addAll(List.of(args));
        return command;
    }
}
