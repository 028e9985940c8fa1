package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;

/**
 * A participant that only has a name: what it is handed it releases unread. Compared by
 * identity, as the director keys its participants.
 */
final class SilentParticipant implements MdParticipant {

    private final String name;

    SilentParticipant(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(ByteBuf datagram) {
        datagram.release();
    }
}
