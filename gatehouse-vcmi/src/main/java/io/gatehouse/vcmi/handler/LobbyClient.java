package io.gatehouse.vcmi.handler;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One vcmi connection as the lobby sees it: its channel and, once it spoke, whether it is a
 * lobby user or a pipe, with the user's lobby state. Touched only on the lobby's actor thread.
 */
final class LobbyClient {

    enum Kind { UNKNOWN, LOBBY, PIPE }

    final Channel channel;
    final String address;
    Kind kind = Kind.UNKNOWN;
    int protocol;
    Charset charset = StandardCharsets.UTF_8;
    boolean greeted;
    String username = "";
    String vcmiVersion = "";
    String chatChannel = VcmiLobby.GLOBAL;
    boolean joined;
    String roomName = "";
    boolean ready;
    long healthCredit;
    /** Set once the lobby has handled this client's going (section 6 runs once). */
    boolean gone;

    LobbyClient(Channel channel) {
        this.channel = channel;
        this.address = String.valueOf(channel.remoteAddress()).replaceFirst("^/", "");
    }

    boolean isLobby() {
        return kind == Kind.LOBBY;
    }

    /** Writes the text in the client's encoding, unmappable characters as {@code ?}, with no framing. */
    void write(String text) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(encode(text, charset)));
    }

    /** Closes once everything written so far has gone out. */
    void closeAfterWrites() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    static byte[] encode(String text, Charset charset) {
        CharsetEncoder enc = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {'?'});
        try {
            ByteBuffer b = enc.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("replacing encoder failed", e);
        }
    }

    @Override
    public String toString() {
        return username.isEmpty() ? address : username + "@" + address;
    }
}
