package org.sfcrime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;

/** scripts/start.sh refuses a cluster size that is not a whole number of nodes, at once. */
class StartScriptIT {

    @ParameterizedTest
    @ValueSource(strings = {"0", "three", "-1"})
    void brokerCountThatIsNotOneOrMoreIsAOneLineUsageError(String brokers) {
        long started = System.nanoTime();
        CommandResult result = Commands.run(Duration.ofSeconds(30), List.of("bash", "scripts/start.sh",
                "--brokers", brokers, "--dir", "/nonexistent/start-script-test"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(2, result.exitCode(), result.describe());
        assertEquals("", result.stdout(), result.describe());
        assertEquals(List.of("error: --brokers needs a whole number of nodes, 1 or more, got '" + brokers
                + "' (see scripts/start.sh --help)"), result.stderr().lines().toList());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took.toMillis() + " ms");
    }
}
