package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.testing.CallJson;

/** With nobody listening, the CLI gives up after the default 30 s with one line. */
class AbsentBrokerTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void absentBrokerFailsWithOneLineWithinTheDefaultTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path input = CallFixtures.write(dir, "calls.json", CallJson.jsonArray(CallFixtures.newestFirst(3)));
        StringWriter err = new StringWriter();
        long start = System.nanoTime();

        int exitCode = CommandLines.execute(new ProducerCommand(), "producer", null, new PrintWriter(err, true),
                "--input", input.toString(), "--bootstrap-server", "127.0.0.1:" + closedPort);

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, exitCode);
        assertEquals("error: cannot reach Kafka at 127.0.0.1:" + closedPort
                + " within 30 s (is it running? try scripts/start.sh)\n", err.toString());
        assertTrue(seconds < 35, "took " + seconds + " s");
    }
}
