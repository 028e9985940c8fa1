package io.gatehouse.astron.clientagent;

import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/** The socket side of one client, as the {@link Client} state machine sees it. */
interface ClientLink {

    /** Writes one framed datagram (length tag included); takes ownership of the buffer. */
    void send(ByteBuf frame);

    /** Writes the frame, then closes once it is out; {@code why} is what the front's meters count. */
    void sendAndClose(ByteBuf frame, CloseReason why);

    /** Closes without a word. */
    void close(CloseReason why);

    /** The thread every call of the client runs on. */
    EventLoop executor();

    ByteBufAllocator alloc();

    String remoteIp();

    int remotePort();

    String localIp();

    int localPort();

    /** The PROXY v2 header's TLVs as sent (empty without one), for CLIENTAGENT_GET_TLVS. */
    byte[] tlvs();
}
