package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;
import org.sfcrime.testing.ProjectPaths;
import org.sfcrime.testing.SharedBroker;

/**
 * The producer jar when event-time order does not fit in memory: it holds the values of the whole
 * file outside the heap, so the limit that is hit is the JVM's direct memory.
 */
class ProducerMemoryIT {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final SharedBroker broker = new SharedBroker();

    @Test
    void tooLittleMemoryForEventTimeOrderIsOneLineNamingTheRemedies() {
        String topic = "memory.calls";
        broker.createTopic(topic, 1);

        CommandResult sorted = Commands.run(CLI_TIMEOUT, producer("-XX:MaxDirectMemorySize=2m", "--topic", topic));
        assertEquals(1, sorted.exitCode(), sorted.describe());
        assertTrue(sorted.stderr().contains("memory ran out after "), sorted.describe());
        assertTrue(sorted.stderr().contains("raise -Xmx or use --order file"), sorted.describe());
        assertFalse(sorted.stderr().contains("\tat "), "no stack trace: " + sorted.describe());

        CommandResult streamed = Commands.run(CLI_TIMEOUT,
                producer("-XX:MaxDirectMemorySize=2m", "--topic", topic, "--order", "file"));
        assertEquals(0, streamed.exitCode(), streamed.describe());
        assertTrue(streamed.stderr().matches("(?s).*\\n  acknowledged +5,000\\n.*"), streamed.describe());
    }

    private static List<String> producer(String jvmOption, String... args) {
        List<String> command = new ArrayList<>(Commands.javaJar(ProjectPaths.resolve("producer/target/producer.jar"),
                "--bootstrap-server", broker.bootstrapServers(), "--input", ProjectPaths.sampleCalls().toString()));
        command.addAll(List.of(args));
        command.add(1, jvmOption);
        return command;
    }
}
