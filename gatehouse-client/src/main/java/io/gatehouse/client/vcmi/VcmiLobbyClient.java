package io.gatehouse.client.vcmi;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A lobby connection as the VCMI launcher makes it: the handshake with the first commands, then command packets. */
public final class VcmiLobbyClient extends VcmiConnection {

    private Charset charset = StandardCharsets.UTF_8;

    private VcmiLobbyClient(InetSocketAddress server, InetSocketAddress local) throws InterruptedException {
        super(server, local);
    }

    public static VcmiLobbyClient connect(InetSocketAddress server) throws InterruptedException {
        return connect(server, null);
    }

    /** Connects from {@code local} (null: any address). */
    public static VcmiLobbyClient connect(InetSocketAddress server, InetSocketAddress local) throws InterruptedException {
        return new VcmiLobbyClient(server, local);
    }

    /** Sends the handshake of {@code protocol} and {@code encoding} (empty: utf8) with {@code commands} in one packet. */
    public VcmiLobbyClient hello(int protocol, String encoding, String commands) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(protocol);
        byte[] enc = encoding.getBytes(StandardCharsets.US_ASCII);
        b.write(enc.length);
        b.writeBytes(enc);
        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("utf8") && !encoding.equalsIgnoreCase("utf-8")) {
            charset = Charset.forName(encoding.toLowerCase().startsWith("cp") ? "windows-" + encoding.substring(2) : encoding);
        }
        b.writeBytes(commands.getBytes(charset));
        sendPacket(b.toByteArray());
        return this;
    }

    /** The launcher's greeting: protocol 5, utf8, {@code <GREETINGS>name<VER>version}. */
    public VcmiLobbyClient greet(String name, String vcmiVersion) {
        return hello(5, "", "<GREETINGS>" + name + "<VER>" + vcmiVersion);
    }

    /** Sends command text, such as {@code <NEW>castle<PSWD><COUNT>2}, as one packet. */
    public void send(String commands) {
        sendPacket(commands.getBytes(charset));
    }

    /** Takes the next reply bytes and returns them as text in this client's encoding. */
    public String expect(String expected) throws InterruptedException {
        return take(expected, charset);
    }
}
