package io.gatehouse.astron.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/** The socket side of one client, as the {@link Client} state machine sees it. */
interface ClientLink {

    /** Writes one framed datagram (length tag included); takes ownership of the buffer. */
    void send(ByteBuf frame);

    /** Writes the frame, then closes once it is out. */
    void sendAndClose(ByteBuf frame);

    /** Closes without a word. */
    void close();

    /** The thread every call of the client runs on. */
    EventLoop executor();

    ByteBufAllocator alloc();

    String remoteIp();

    int remotePort();

    String localIp();

    int localPort();
}
