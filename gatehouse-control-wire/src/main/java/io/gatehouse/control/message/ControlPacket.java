package io.gatehouse.control.message;

/**
 * One packet of spec section 5, with its body as transmitted minus compression: gzip is
 * undone on decode, and the verify nonce and signature (never checked, section 5.6) are
 * dropped. Bodies are protobuf bytes; arrays are not copied and must not be changed.
 */
public sealed interface ControlPacket extends ControlMessage permits ControlPacket.Request, ControlPacket.Response, ControlPacket.Push {

    int cmd();

    byte[] body();

    /** Type 1 (5.2): {@code requestId} is a u32, {@code timeoutMillis} a u16. */
    record Request(int cmd, long requestId, int timeoutMillis, byte[] body) implements ControlPacket {
    }

    /** Type 2 (5.3): the answer to the peer's request with the same {@code requestId}. */
    record Response(int cmd, long requestId, int status, byte[] body) implements ControlPacket {

        public static Response ok(Request to, byte[] body) {
            return new Response(to.cmd(), to.requestId(), StatusCode.SUCCESS.wire(), body);
        }
    }

    /** Type 3 (5.4): never answered. */
    record Push(int cmd, byte[] body) implements ControlPacket {
    }
}
