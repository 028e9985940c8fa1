package io.gatehouse.cluster.relay;

import io.gatehouse.core.relay.PipeRole;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The byte layout of {@link RelayMessage}s: one type byte, then fixed big-endian fields (longs
 * are 8 bytes, a role one byte: 0 server, 1 client); a chunk's bytes run to the end of the
 * NATS message. No I/O: a message is one NATS payload.
 */
final class RelayCodec {

    private static final byte DATA = 1;
    private static final byte CREDIT = 2;
    private static final byte BROKEN = 3;
    private static final byte ATTACH = 10;
    private static final byte ANSWER = 11;
    private static final byte PAIR = 12;
    private static final byte PAIR_LOCAL = 13;
    private static final byte UNPAIR = 14;
    private static final byte DETACH = 15;
    private static final byte BEAT = 20;
    private static final byte GONE = 21;

    private RelayCodec() {
    }

    static byte[] encode(RelayMessage m) {
        if (m instanceof RelayMessage.Data d) {
            return ByteBuffer.allocate(9 + d.bytes().length).put(DATA).putLong(d.seq()).put(d.bytes()).array();
        } else if (m instanceof RelayMessage.Credit c) {
            return ByteBuffer.allocate(9).put(CREDIT).putLong(c.upTo()).array();
        } else if (m instanceof RelayMessage.Broken) {
            return new byte[] {BROKEN};
        } else if (m instanceof RelayMessage.Attach a) {
            return ByteBuffer.allocate(18).put(ATTACH).put(role(a.role())).putLong(a.node()).putLong(a.pipe()).array();
        } else if (m instanceof RelayMessage.Answer a) {
            return ByteBuffer.allocate(10).put(ANSWER).put((byte) (a.accepted() ? 1 : 0)).putLong(a.authority()).array();
        } else if (m instanceof RelayMessage.Pair p) {
            return ByteBuffer.allocate(33).put(PAIR).putLong(p.authority()).putLong(p.pipe()).putLong(p.link()).putLong(p.peerNode()).array();
        } else if (m instanceof RelayMessage.PairLocal p) {
            return ByteBuffer.allocate(25).put(PAIR_LOCAL).putLong(p.authority()).putLong(p.pipe()).putLong(p.peerPipe()).array();
        } else if (m instanceof RelayMessage.Unpair u) {
            return ByteBuffer.allocate(17).put(UNPAIR).putLong(u.authority()).putLong(u.pipe()).array();
        } else if (m instanceof RelayMessage.Detach d) {
            return ByteBuffer.allocate(17).put(DETACH).putLong(d.node()).putLong(d.pipe()).array();
        } else if (m instanceof RelayMessage.Beat b) {
            return ByteBuffer.allocate(9).put(BEAT).putLong(b.node()).array();
        }
        return ByteBuffer.allocate(9).put(GONE).putLong(((RelayMessage.Gone) m).node()).array();
    }

    /** The message in {@code payload}, or null when it is none (unknown type, wrong length). */
    static RelayMessage decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(payload, 1, payload.length - 1);
        try {
            RelayMessage m = switch (payload[0]) {
                case DATA -> {
                    long seq = b.getLong();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    yield new RelayMessage.Data(seq, bytes);
                }
                case CREDIT -> new RelayMessage.Credit(b.getLong());
                case BROKEN -> new RelayMessage.Broken();
                case ATTACH -> {
                    PipeRole role = role(b.get());
                    yield role == null ? null : new RelayMessage.Attach(role, b.getLong(), b.getLong());
                }
                case ANSWER -> new RelayMessage.Answer(b.get() == 1, b.getLong());
                case PAIR -> new RelayMessage.Pair(b.getLong(), b.getLong(), b.getLong(), b.getLong());
                case PAIR_LOCAL -> new RelayMessage.PairLocal(b.getLong(), b.getLong(), b.getLong());
                case UNPAIR -> new RelayMessage.Unpair(b.getLong(), b.getLong());
                case DETACH -> new RelayMessage.Detach(b.getLong(), b.getLong());
                case BEAT -> new RelayMessage.Beat(b.getLong());
                case GONE -> new RelayMessage.Gone(b.getLong());
                default -> null;
            };
            return b.hasRemaining() ? null : m;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }

    private static byte role(PipeRole role) {
        return (byte) (role == PipeRole.SERVER ? 0 : 1);
    }

    private static PipeRole role(byte b) {
        return switch (b) {
            case 0 -> PipeRole.SERVER;
            case 1 -> PipeRole.CLIENT;
            default -> null;
        };
    }
}
