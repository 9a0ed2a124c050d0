package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.testing.CallJson;

/**
 * With nobody listening, the CLI gives up after its timeout with one line. A short timeout keeps the
 * test fast; the shipped default is checked on its own.
 */
class AbsentBrokerTest {

    @TempDir
    Path dir;

    @Test
    void theShippedTimeoutIsThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), ProducerOptions.parse("--input", "calls.json").timeout());
    }

    @Test
    @Timeout(30)
    void absentBrokerFailsWithOneLineWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path input = CallFixtures.write(dir, "calls.json", CallJson.jsonArray(CallFixtures.newestFirst(3)));
        StringWriter err = new StringWriter();
        long start = System.nanoTime();

        int exitCode = CommandLines.execute(new ProducerCommand(), "producer", null, new PrintWriter(err, true),
                "--input", input.toString(), "--bootstrap-server", "127.0.0.1:" + closedPort, "--timeout-ms", "3000");

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, exitCode);
        assertEquals("error: cannot reach Kafka at 127.0.0.1:" + closedPort
                + " within 3 s (is it running? try scripts/start.sh)\n", err.toString());
        assertTrue(seconds >= 2.5 && seconds < 8, "took " + seconds + " s");
    }
}
