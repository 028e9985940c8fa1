package io.gatehouse.cluster.relay;

import io.gatehouse.core.relay.PipeEnd;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The stand-in, on this node, for a pipe on another node: the peer the relay hands to the local
 * pipe of a cross-node link. Bytes the local pipe reads go out in chunks of at most
 * {@code chunk} bytes with sequence numbers on the link subject of the other direction, only as
 * far as the other node's credit reaches; bytes that arrive on this direction's subject are
 * written to the local pipe, and credit for them goes back once the local pipe takes them
 * ({@link PipeEnd#writable} right after, or its {@link #resumeReading} later). So at most
 * {@code window} bytes of each direction are in flight or waiting at the receiver beyond its
 * socket's own high-water mark, and what waits here unsent is what the local pipe read after
 * it was told to stop (its front stops reading when {@link #writable} is false).
 *
 * <p>A chunk out of sequence, or the other node's word that it lost one, breaks the link:
 * {@code broken} is called, once.
 */
final class RemotePeer implements PipeEnd {

    private final Connection nats;
    private final Dispatcher dispatcher;
    private final String inbound;
    private final String outbound;
    private final int window;
    private final int chunk;
    private final PipeEnd local;
    private final Consumer<RemotePeer> broken;
    /** The node the other pipe is attached on. */
    final long peerNode;

    // the local pipe's bytes, towards the other node
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long sent;
    private long granted;
    private long sendSeq;
    // the other pipe's bytes, towards the local pipe
    private long expectedSeq;
    private long received;
    private long consumed;
    private long lastGrant;
    private boolean heard;
    private boolean closed;

    RemotePeer(Connection nats, Dispatcher dispatcher, String inbound, String outbound, int window, int chunk,
               PipeEnd local, long peerNode, Consumer<RemotePeer> broken) {
        this.nats = nats;
        this.dispatcher = dispatcher;
        this.inbound = inbound;
        this.outbound = outbound;
        this.window = window;
        this.chunk = chunk;
        this.local = local;
        this.peerNode = peerNode;
        this.broken = broken;
    }

    /**
     * Subscribes to this direction's subject, then grants the other node its first window. The
     * other node may not have subscribed yet and so miss that grant: the first grant heard from
     * it proves it has, and is answered with the grant once more (grants are absolute offsets).
     */
    synchronized void start() {
        dispatcher.subscribe(inbound, this::onMessage);
        grant(window);
    }

    @Override
    public void send(ByteBuf bytes) {
        synchronized (this) {
            if (!closed) {
                held.add(bytes);
                pump();
                return;
            }
        }
        bytes.release();
    }

    @Override
    public synchronized boolean writable() {
        return canSend();
    }

    /** The local pipe drained what this node wrote to it: grant the other node room for as much again. */
    @Override
    public synchronized void resumeReading() {
        consumed = received;
        if (!closed && consumed + window > lastGrant) {
            grant(consumed + window);
        }
    }

    /** The relay tells the local pipe, never its stand-in: nothing to do. */
    @Override
    public void paired(PipeEnd peer) {
    }

    /** The relay tells the local pipe, never its stand-in: nothing to do. */
    @Override
    public void refused() {
    }

    /** The relay tells the local pipe, never its stand-in: nothing to do. */
    @Override
    public void unpaired() {
    }

    /** Tells the other node that bytes were lost (it closes its pipe too), then stops. */
    void breakOff() {
        publish(new RelayMessage.Broken());
        close();
    }

    /** Stops: no more bytes go out or are taken in; what waited unsent is dropped. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ByteBuf b;
            while ((b = held.poll()) != null) {
                b.release();
            }
        }
        try {
            dispatcher.unsubscribe(inbound);
        } catch (IllegalStateException e) {
            // the connection is closed, and its subscriptions with it
        }
    }

    private boolean canSend() {
        return !closed && held.isEmpty() && sent < granted;
    }

    /** Sends what is held, chunk by chunk, as far as the credit goes. */
    private void pump() {
        while (!held.isEmpty() && sent < granted) {
            ByteBuf head = held.peek();
            int n = (int) Math.min(Math.min(chunk, granted - sent), head.readableBytes());
            byte[] bytes = new byte[n];
            head.readBytes(bytes);
            publish(new RelayMessage.Data(sendSeq++, bytes));
            sent += n;
            if (!head.isReadable()) {
                held.poll().release();
            }
        }
    }

    private void grant(long upTo) {
        lastGrant = upTo;
        publish(new RelayMessage.Credit(upTo));
    }

    /** Publishes on the other direction's subject; on a closed connection nothing goes out (the relay is stopping). */
    private void publish(RelayMessage m) {
        try {
            nats.publish(outbound, RelayCodec.encode(m));
        } catch (IllegalStateException e) {
            // the connection is closed: the other node hears this one gone by its silence
        }
    }

    /** A message on this direction's subject, on the dispatcher's thread. */
    private void onMessage(Message m) {
        RelayMessage message = RelayCodec.decode(m.getData());
        if (message instanceof RelayMessage.Data d) {
            data(d);
        } else if (message instanceof RelayMessage.Credit c) {
            credit(c.upTo());
        } else if (message instanceof RelayMessage.Broken) {
            broken.accept(this);
        }
        // anything else is not a link message (noise, or a sender of another version): the link's own keep flowing
    }

    private void data(RelayMessage.Data d) {
        boolean inOrder;
        long upTo;
        synchronized (this) {
            if (closed) {
                return;
            }
            inOrder = d.seq() == expectedSeq && received + d.bytes().length <= lastGrant;
            expectedSeq++;
            received += d.bytes().length;
            upTo = received;
        }
        if (!inOrder) {
            broken.accept(this);
            return;
        }
        local.send(Unpooled.wrappedBuffer(d.bytes()));
        if (local.writable()) {
            synchronized (this) {
                consumed = Math.max(consumed, upTo);
                if (!closed && consumed + window - lastGrant >= window / 4) {
                    grant(consumed + window);
                }
            }
        }
    }

    private void credit(long upTo) {
        boolean resume;
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean blocked = !canSend();
            granted = Math.max(granted, upTo);
            if (!heard) {
                heard = true;
                grant(lastGrant);
            }
            pump();
            resume = blocked && canSend();
        }
        if (resume) {
            local.resumeReading();
        }
    }
}
