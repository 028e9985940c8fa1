package io.gatehouse.core.relay;

import io.netty.buffer.ByteBuf;

/**
 * One end of a relayed byte pipe, as the relay sees it. The front implements it on its
 * connection; calls may come from any thread and the front hands them to its event loop. The
 * peer a relay hands over implements it too: the other pipe itself, or a stand-in for a pipe
 * on another node.
 */
public interface PipeEnd {

    /** The peer is there: send it what was held back, then forward as bytes come. */
    void paired(PipeEnd peer);

    /** No started game admits this pipe (its uuid in its role): the front closes it. Told instead of {@link #paired}. */
    void refused();

    /** The peer went away: hold bytes back again until a new peer pairs. */
    void unpaired();

    /** Bytes from the peer, to be written to this end's client; takes ownership of the buffer. */
    void send(ByteBuf bytes);

    /** False while this end's client is not keeping up; its peer then stops reading. */
    boolean writable();

    /** This end's outbound queue drained: the peer may read again. */
    void resumeReading();
}
