package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;

/**
 * Something attached to the Message Director: a network link to an AI or UberDOG process,
 * or an in-process role (State Server, Client Agent).
 */
public interface MdParticipant {

    /** A name for logs. */
    String name();

    /**
     * A datagram routed to this participant: recipient count, recipients, sender, message
     * type, payload (no length tag). The participant owns the buffer and must release it.
     */
    void deliver(ByteBuf datagram);
}
