package io.gatehouse.core.journal;

import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's bytes, without I/O. A frame is a big-endian {@code u32} length of its body, the
 * body's CRC-32C ({@code u32}), then the body: {@code i64} sequence number, {@code i32} entry
 * count, and the entries, each a type byte followed by its fields (strings as Java's modified
 * UTF-8 with a {@code u16} length):
 * <ul>
 *   <li>4, token spent: hash, {@code i64} time, {@code i64} the token's expiry;</li>
 *   <li>1, token spent as the first version wrote it (read, never written): hash, {@code i64}
 *       time; read with {@link JournalEntry.TokenSpent#EXPIRY_UNKNOWN}, so that a start makes it a row;</li>
 *   <li>2, session opened: id hash, {@code i64} account, front, {@code i64} created, {@code i64} expires;</li>
 *   <li>3, login recorded: {@code u8} 1 when an account follows, [{@code i64} account], name,
 *       {@code i64} time, address, front, result.</li>
 * </ul>
 * A frame cut short (the process died inside its write) or whose checksum fails ends what is
 * read: what follows it was never acknowledged.
 */
public final class JournalCodec {

    /** Bytes before a frame's body: its length and its checksum. */
    public static final int HEADER_BYTES = 8;
    /** The largest body read back; a larger length is taken for damage. */
    public static final int MAX_BODY_BYTES = 16 << 20;

    private static final byte TOKEN_SPENT_WITHOUT_EXPIRY = 1;
    private static final byte SESSION_OPENED = 2;
    private static final byte LOGIN_RECORDED = 3;
    private static final byte TOKEN_SPENT = 4;

    private JournalCodec() {
    }

    /** The frame's bytes, header included. */
    public static byte[] encode(JournalFrame frame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 160 * frame.entries().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);
            out.writeInt(0);
            out.writeLong(frame.seq());
            out.writeInt(frame.entries().size());
            for (JournalEntry e : frame.entries()) {
                write(out, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = bytes.toByteArray();
        int bodyLength = b.length - HEADER_BYTES;
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("journal frame of " + bodyLength + " bytes (at most " + MAX_BODY_BYTES + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, HEADER_BYTES, bodyLength);
        ByteBuffer.wrap(b).putInt(0, bodyLength).putInt(4, (int) crc.getValue());
        return b;
    }

    /** The whole frames at the start of {@code bytes}, and how many bytes they take. */
    public record Decoded(List<JournalFrame> frames, int wholeBytes) {
    }

    /** Reads frames from the buffer's position to its limit, stopping at the first one cut short or damaged. */
    public static Decoded decode(ByteBuffer bytes) {
        List<JournalFrame> frames = new ArrayList<>();
        int start = bytes.position();
        int at = start;
        while (bytes.limit() - at >= HEADER_BYTES) {
            int length = bytes.getInt(at);
            int expected = bytes.getInt(at + 4);
            if (length < 12 || length > MAX_BODY_BYTES || bytes.limit() - at - HEADER_BYTES < length) {
                break;
            }
            byte[] body = new byte[length];
            bytes.get(at + HEADER_BYTES, body);
            CRC32C crc = new CRC32C();
            crc.update(body);
            if ((int) crc.getValue() != expected) {
                break;
            }
            JournalFrame frame = body(body);
            if (frame == null) {
                break;
            }
            frames.add(frame);
            at += HEADER_BYTES + length;
        }
        return new Decoded(frames, at - start);
    }

    private static void write(DataOutputStream out, JournalEntry entry) throws IOException {
        if (entry instanceof JournalEntry.TokenSpent t) {
            out.writeByte(TOKEN_SPENT);
            out.writeUTF(t.tokenHash());
            out.writeLong(t.atMillis());
            out.writeLong(t.expiresAtMillis());
        } else if (entry instanceof JournalEntry.SessionOpened s) {
            out.writeByte(SESSION_OPENED);
            out.writeUTF(s.idHash());
            out.writeLong(s.accountId());
            out.writeUTF(s.front());
            out.writeLong(s.createdAtMillis());
            out.writeLong(s.expiresAtMillis());
        } else {
            LoginEvent e = ((JournalEntry.LoginRecorded) entry).event();
            out.writeByte(LOGIN_RECORDED);
            out.writeBoolean(e.accountId() != null);
            if (e.accountId() != null) {
                out.writeLong(e.accountId());
            }
            out.writeUTF(e.username());
            out.writeLong(e.atMillis());
            out.writeUTF(e.address());
            out.writeUTF(e.front());
            out.writeUTF(e.result().name());
        }
    }

    /** The frame in a body whose checksum held; null when its entries do not parse (damage the checksum missed). */
    private static JournalFrame body(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            long seq = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > body.length) {
                return null;
            }
            List<JournalEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(read(in));
            }
            return in.available() == 0 ? new JournalFrame(seq, entries) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static JournalEntry read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case TOKEN_SPENT -> new JournalEntry.TokenSpent(in.readUTF(), in.readLong(), in.readLong());
            case TOKEN_SPENT_WITHOUT_EXPIRY -> new JournalEntry.TokenSpent(in.readUTF(), in.readLong(), JournalEntry.TokenSpent.EXPIRY_UNKNOWN);
            case SESSION_OPENED -> new JournalEntry.SessionOpened(in.readUTF(), in.readLong(), in.readUTF(), in.readLong(), in.readLong());
            case LOGIN_RECORDED -> {
                Long account = in.readBoolean() ? in.readLong() : null;
                yield new JournalEntry.LoginRecorded(new LoginEvent(account, in.readUTF(), in.readLong(), in.readUTF(), in.readUTF(),
                        LoginResult.valueOf(in.readUTF())));
            }
            default -> throw new IOException("journal entry of type " + type);
        };
    }
}
