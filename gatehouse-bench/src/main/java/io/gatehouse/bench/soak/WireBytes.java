package io.gatehouse.bench.soak;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Subscribe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the raw slow readers send before they stop reading, built with the project's own encoders where there is one. */
final class WireBytes {

    private static final byte[] CONTROL_HANDSHAKE = {0x11, 0x09};
    private static final int CLIENT_HELLO = 1;
    private static final int CLIENT_OBJECT_SET_FIELD = 120;

    private WireBytes() {
    }

    /** The control TCP handshake, an auth with the token, and a subscribe to the topic, in one write. */
    static byte[] controlSubscriber(String token, String topic) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(CONTROL_HANDSHAKE);
        ControlPacketEncoder.PLAIN.write(new ControlPacket.Request(CommandCode.AUTH.wire(), 1, 5000,
                ControlBodies.encode(new AuthRequest(token, Map.of()))), b);
        ControlPacketEncoder.PLAIN.write(new ControlPacket.Request(CommandCode.SUBSCRIBE.wire(), 2, 5000,
                ControlBodies.encode(new Subscribe(List.of(topic)))), b);
        return ByteBufUtil.getBytes(b);
    }

    /** CLIENT_HELLO with the soak's DC hash and version, then the login of {@code user} on the UberDOG. */
    static byte[] astronHelloAndLogin(String user) {
        byte[] version = SoakWorld.VERSION.getBytes(StandardCharsets.UTF_8);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 4 + 2 + version.length + 2 + 2 + 4 + 2 + 2 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (2 + 4 + 2 + version.length)).putShort((short) CLIENT_HELLO).putInt(SoakWorld.DC.hash())
                .putShort((short) version.length).put(version);
        b.putShort((short) (2 + 4 + 2 + 2 + name.length)).putShort((short) CLIENT_OBJECT_SET_FIELD).putInt((int) SoakWorld.LOGIN)
                .putShort((short) SoakWorld.loginField()).putShort((short) name.length).put(name);
        return b.array();
    }
}
