package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The probe against stand-ins for a master's transport server. The real masters, with and without
 * spark.authenticate, are SecureClusterIT's and SparkClusterIT's.
 */
class MasterAuthenticationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aMasterThatAnswersWithTheSaslRefusalRequiresAuthentication() throws Exception {
        assertTrue(probe(out -> answer(out, "java.lang.IllegalStateException: Expected SaslMessage, received something else")));
    }

    @Test
    void aMasterThatAnswersAnotherFailureOrNothingDoesNot() throws Exception {
        assertFalse(probe(out -> answer(out, "java.io.EOFException")));
        assertFalse(probe(out -> { }));
    }

    /** Reads the probe's frame, lets {@code reply} answer, and returns what the probe concluded. */
    private static boolean probe(Consumer<DataOutputStream> reply) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread master = new Thread(() -> {
                try (Socket client = server.accept()) {
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    long length = in.readLong();
                    in.readFully(new byte[(int) length - 8]);
                    reply.accept(new DataOutputStream(client.getOutputStream()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            master.start();
            boolean required = MasterAuthentication.required("127.0.0.1", server.getLocalPort(), TIMEOUT);
            master.join();
            return required;
        }
    }

    /** An RpcFailure frame: length, type 5, request id, the error as a length-prefixed string. */
    private static void answer(DataOutputStream out, String error) {
        byte[] text = error.getBytes(StandardCharsets.UTF_8);
        try {
            out.writeLong(8 + 1 + 8 + 4 + text.length);
            out.writeByte(5);
            out.writeLong(1);
            out.writeInt(text.length);
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
