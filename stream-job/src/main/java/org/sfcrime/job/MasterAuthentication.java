package org.sfcrime.job;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Whether a standalone master requires Spark's authentication (spark.authenticate), asked before
 * the driver registers. A driver without the secret is refused by such a master only after three
 * registration attempts of 20 s each, with a stack trace per attempt; one unauthenticated request
 * says it at once.
 *
 * <p>The request is a frame of Spark's transport protocol (network-common's MessageEncoder): frame
 * length (8 bytes, itself included), message type 3 (RpcRequest), request id (8), body length (4),
 * body. A master with authentication answers an RpcFailure whose text names SASL, because the first
 * message it accepts is an authentication message; a master without it answers another failure
 * (the body is no RPC) or nothing.
 */
final class MasterAuthentication {

    private static final byte RPC_REQUEST = 3;
    /** What the refusal of an unauthenticated client says (SaslRpcHandler, AuthRpcHandler). */
    private static final String REFUSAL = "SaslMessage";

    private MasterAuthentication() {
    }

    /** True when the master at host:port refuses clients that do not authenticate; false when unsure. */
    static boolean required(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] body = {0};
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeLong(8 + 1 + 8 + 4 + body.length);
            out.writeByte(RPC_REQUEST);
            out.writeLong(1);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
            return answer(socket.getInputStream()).contains(REFUSAL);
        } catch (IOException | IllegalArgumentException e) {
            return false; // unreachable or silent: the reachability check and Spark itself report those
        }
    }

    /** The first frame of the answer, as text (at most 4 KB). */
    private static String answer(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        long length = data.readLong();
        byte[] frame = new byte[(int) Math.max(0, Math.min(4096, length - 8))];
        data.readFully(frame);
        return new String(frame, StandardCharsets.ISO_8859_1);
    }
}
