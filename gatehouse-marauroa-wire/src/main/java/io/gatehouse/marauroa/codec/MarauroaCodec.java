package io.gatehouse.marauroa.codec;

import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.DetailLevel;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.RPObjectCodec;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.LoginNackReason;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Marauroa messages to and from bytes (docs/protocol/marauroa.md, sections 1 to 4), without
 * I/O. A frame is {@code int32 size} (the whole frame, these 4 bytes included), then the
 * header ({@code uint8 version, uint8 type, int32 client id, int32 timestamp}), then the body.
 */
public final class MarauroaCodec {

    /** The protocol version Gatehouse speaks, as Marauroa 3.9 does. */
    public static final int VERSION = 35;
    /** The oldest and newest versions accepted from a client. */
    public static final int VERSION_MIN = 31;
    public static final int VERSION_MAX = 80;
    /** The first version whose character list carries each character's object. */
    static final int FIRST_WITH_CHARACTER_DETAILS = 32;
    /** The first version whose S2C_LOGIN_MESSAGE_NACK text has a 16-bit length. */
    static final int FIRST_WITH_LONG_BAN_MESSAGE = 34;
    /** The first version whose transfers carry each content's MD5. */
    static final int FIRST_WITH_CONTENT_HASH = 34;
    /** The first protocol version whose clients may be sent no perception in a turn when nothing changed. */
    public static final int FIRST_WITH_OMITTABLE_PERCEPTIONS = 34;
    /** Header bytes after the size: version, type, client id, timestamp. */
    public static final int HEADER = 1 + 1 + 4 + 4;

    private MarauroaCodec() {
    }

    /** A message with its header fields. */
    public record Envelope(int version, int clientId, int timestamp, MarauroaMessage message) {
    }

    /**
     * Splits a TCP stream into messages (section 1): the little-endian {@code int} size counts
     * itself, and is stripped, so each frame starts at the version byte; a size above
     * {@code maxMessageBytes} fails the decoder at once.
     */
    public static LengthFieldBasedFrameDecoder frameDecoder(int maxMessageBytes) {
        return new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, maxMessageBytes, 0, 4, -4, 4, true);
    }

    /**
     * Reads one message from a frame's bytes after the size. An unsupported version is an
     * {@link UnsupportedVersionException}; anything else unreadable a {@link MarauroaFormatException}.
     */
    public static Envelope decode(ByteBuf frame, RPClasses classes) {
        return decode(frame, true, classes);
    }

    /**
     * As {@link #decode(ByteBuf, RPClasses)}; a client reads the server's answers without the
     * version check. {@code classes} are those objects in the message are read with (the
     * game's on the server; those of the server's S2C_SERVERINFO on a client).
     */
    public static Envelope decode(ByteBuf frame, boolean checkVersion, RPClasses classes) {
        WireReader in = new WireReader(frame);
        int version = in.readByte();
        if (checkVersion && (version < VERSION_MIN || version > VERSION_MAX)) {
            throw new UnsupportedVersionException(version);
        }
        int typeId = in.readByte();
        MessageType type = MessageType.byId(typeId);
        if (type == null) {
            throw new MarauroaFormatException("message type " + typeId + " does not exist");
        }
        int clientId = in.readInt();
        int timestamp = in.readInt();
        MarauroaMessage m = switch (type) {
            case C2S_LOGIN_REQUESTKEY -> new LoginRequestKey(in.read255String(), in.read255String());
            case C2S_LOGIN_SENDPROMISE -> new LoginSendPromise(in.readByteArray(), in.hasMore() ? in.read255String() : null);
            case C2S_LOGIN_SENDNONCENAMEANDPASSWORD -> new LoginSendNonceNameAndPassword(in.readByteArray(), in.readString(), in.readByteArray());
            case C2S_CREATEACCOUNT -> new CreateAccount(in.readString(), in.readString(), in.readString(),
                    in.hasMore() ? in.read255String() : null);
            case C2S_CHOOSECHARACTER -> new ChooseCharacter(in.readString());
            case C2S_LOGIN_SENDUSERNAMEANDPASSWORD -> new LoginSendUsernameAndPassword(in.readString(), in.readString());
            case C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED -> new LoginSendNonceNamePasswordAndSeed(in.readByteArray(), in.readString(),
                    in.readByteArray(), in.readByteArray());
            case C2S_LOGIN_WITH_TOKEN -> new LoginWithToken(in.readByteArray(), in.readByteArray(), in.readByteArray(), in.readString(),
                    in.readString(), in.readByteArray());
            case C2S_CREATE_ACCOUNT_WITH_TOKEN -> new CreateAccountWithToken(in.readString(), in.readString(), in.readString(),
                    in.hasMore() ? in.read255String() : null);
            case P2S_CREATEACCOUNT -> new ProxyCreateAccount(in.readString(), in.readString(), in.readString(), in.readString(), in.readString());
            case P2S_CREATECHARACTER -> new ProxyCreateCharacter(in.readString(), in.readString(), in.readString(), in.readString(),
                    RPObjectCodec.read(in, classes, version));
            case C2S_UPDATE_RESPONSE -> new UpdateResponse(in.read65536String());
            case S2C_UPDATE -> new Update(in.readByteArray());
            case C2S_CREATECHARACTER -> new CreateCharacter(in.readString(), RPObjectCodec.read(in, classes, version));
            case S2C_CREATECHARACTER_ACK -> new CreateCharacterAck(in.readString(), RPObjectCodec.read(in, classes, version));
            case S2C_CREATECHARACTER_NACK -> new CreateCharacterNack(reason(AccountResult.byCode(in.readByte()), "character result"));
            case S2C_CHOOSECHARACTER_ACK -> new ChooseCharacterAck();
            case C2S_LOGOUT -> new Logout(in.available() >= 4 ? in.readInt() : 0);
            case C2S_KEEPALIVE -> new KeepAlive();
            case C2S_OUTOFSYNC -> new OutOfSync();
            case C2S_ACTION -> new Action(RPObjectCodec.readAttributesOnly(in, classes), in.hasMore() ? (int) in.readByte() : null);
            case S2C_PERCEPTION -> perception(in, classes, version);
            case C2S_TRANSFER_ACK -> {
                int count = in.readInt();
                if (count < 0 || count > WireReader.MAX_ARRAY) {
                    throw new MarauroaFormatException("a transfer answer of " + count + " entries");
                }
                Map<String, Boolean> wanted = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    wanted.put(in.readString(), in.readByte() == 1);
                }
                yield new TransferAck(wanted);
            }
            case S2C_TRANSFER_REQ -> {
                int count = in.readInt();
                List<Content> offered = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String name = in.readString();
                    int contentTime = in.readInt();
                    byte[] md5 = version >= FIRST_WITH_CONTENT_HASH ? in.readByteArray() : null;
                    offered.add(new Content(name, contentTime, null, md5, in.readByte() == 1));
                }
                yield new TransferReq(offered);
            }
            case S2C_TRANSFER -> {
                WireReader t = new WireReader(Unpooled.wrappedBuffer(inflate(in.readByteArray())));
                int count = t.readInt();
                List<Content> contents = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String name = t.readString();
                    byte[] data = t.readByteArray();
                    int contentTime = t.readInt();
                    byte[] md5 = version >= FIRST_WITH_CONTENT_HASH ? t.readByteArray() : null;
                    contents.add(new Content(name, contentTime, data, md5, t.readByte() == 1));
                }
                yield new Transfer(contents);
            }
            case S2C_LOGIN_SENDKEY -> new LoginSendKey(in.readByteArray(), in.readByteArray());
            case S2C_LOGIN_SENDNONCE -> new LoginSendNonce(in.readByteArray());
            case S2C_LOGIN_ACK -> {
                int count = in.readByte();
                String[] logins = new String[Math.max(count, 0)];
                for (int i = 0; i < logins.length; i++) {
                    logins[i] = in.read255String();
                }
                yield new LoginAck(List.of(logins));
            }
            case S2C_LOGIN_NACK -> new LoginNack(reason(LoginNackReason.byCode(in.readByte()), "login NACK reason"));
            case S2C_LOGIN_MESSAGE_NACK -> new LoginMessageNack(version >= FIRST_WITH_LONG_BAN_MESSAGE ? in.read65536String() : in.read255String());
            case S2C_INVALIDMESSAGE -> new InvalidMessage(in.readString());
            case S2C_CONNECT_NACK -> new ConnectNack();
            case S2C_CREATEACCOUNT_ACK -> new CreateAccountAck(in.readString());
            case S2C_CREATEACCOUNT_NACK -> new CreateAccountNack(reason(AccountResult.byCode(in.readByte()), "account result"));
            case S2C_SERVERINFO -> serverInfo(inflate(in.readByteArray()), version);
            case S2C_CHARACTERLIST -> {
                String[] names = in.readStringArray();
                List<RPObject> objects = new ArrayList<>();
                if (version >= FIRST_WITH_CHARACTER_DETAILS) {
                    int count = in.readInt();
                    if (count != names.length) {
                        throw new MarauroaFormatException(names.length + " characters but " + count + " objects");
                    }
                    for (int i = 0; i < count; i++) {
                        objects.add(RPObjectCodec.read(in, classes, version));
                    }
                }
                yield new CharacterList(List.of(names), objects);
            }
            case S2C_CHOOSECHARACTER_NACK -> new ChooseCharacterNack();
            case S2C_LOGOUT_ACK -> new LogoutAck();
            case S2C_LOGOUT_NACK -> new LogoutNack();
            default -> throw new MarauroaFormatException("message type " + type + " is not handled by Gatehouse yet");
        };
        if (in.hasMore() && type != MessageType.C2S_LOGOUT) {
            // Marauroa ignores bytes after a message; so does Gatehouse (a newer client may add fields)
            frame.skipBytes(frame.readableBytes());
        }
        return new Envelope(version, clientId, timestamp, m);
    }

    private static <T> T reason(T value, String what) {
        if (value == null) {
            throw new MarauroaFormatException("unknown " + what);
        }
        return value;
    }

    /** The whole frame, size first, in the envelope's protocol version. */
    public static ByteBuf encode(Envelope e, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(64);
        WireWriter w = new WireWriter(out);
        w.writeInt(0).writeByte(Math.min(e.version(), VERSION)).writeByte(e.message().type().id())
                .writeInt(e.clientId()).writeInt(e.timestamp());
        try {
            body(e.message(), Math.min(e.version(), VERSION), w);
        } catch (RuntimeException failed) {
            out.release();
            throw failed;
        }
        return out.setIntLE(0, out.readableBytes());
    }

    private static void body(MarauroaMessage m, int version, WireWriter w) {
        if (m instanceof LoginRequestKey r) {
            w.write255String(r.game()).write255String(r.version());
        } else if (m instanceof LoginSendPromise p) {
            w.writeByteArray(p.nonceHash());
            if (p.language() != null) {
                w.write255String(p.language());
            }
        } else if (m instanceof LoginSendNonceNameAndPassword l) {
            w.writeByteArray(l.nonce()).writeString(l.username()).writeByteArray(l.encryptedPassword());
        } else if (m instanceof CreateAccount c) {
            w.writeString(c.username()).writeString(c.password()).writeString(c.email());
            if (c.language() != null) {
                w.write255String(c.language());
            }
        } else if (m instanceof ChooseCharacter c) {
            w.writeString(c.character());
        } else if (m instanceof Logout l) {
            if (l.reason() != 0) {
                w.writeInt(l.reason());
            }
        } else if (m instanceof LoginSendKey k) {
            w.writeByteArray(k.modulus()).writeByteArray(k.exponent());
        } else if (m instanceof LoginSendNonce n) {
            w.writeByteArray(n.nonce());
        } else if (m instanceof LoginAck a) {
            w.writeByte(a.previousLogins().size());
            a.previousLogins().forEach(w::write255String);
        } else if (m instanceof LoginNack n) {
            w.writeByte(n.reason().code());
        } else if (m instanceof LoginMessageNack n) {
            if (version >= FIRST_WITH_LONG_BAN_MESSAGE) {
                w.write65536String(n.reason());
            } else {
                w.write255String(n.reason().length() > 250 ? n.reason().substring(0, 250) : n.reason());
            }
        } else if (m instanceof InvalidMessage i) {
            w.writeString(i.reason());
        } else if (m instanceof CreateAccountAck a) {
            w.writeString(a.username());
        } else if (m instanceof CreateAccountNack n) {
            w.writeByte(n.result().code());
        } else if (m instanceof ServerInfo s) {
            w.writeByteArray(serverInfoBody(s, version));
        } else if (m instanceof CharacterList c) {
            w.writeStringArray(c.characters().toArray(String[]::new));
            if (version >= FIRST_WITH_CHARACTER_DETAILS) {
                w.writeInt(c.objects().size());
                c.objects().forEach(o -> RPObjectCodec.write(o, DetailLevel.NORMAL, version, w));
            }
        } else if (m instanceof CreateCharacter c) {
            w.writeString(c.character());
            RPObjectCodec.write(c.template(), DetailLevel.NORMAL, version, w);
        } else if (m instanceof CreateCharacterAck a) {
            w.writeString(a.character());
            RPObjectCodec.write(a.object(), DetailLevel.NORMAL, version, w);
        } else if (m instanceof CreateCharacterNack n) {
            w.writeByte(n.result().code());
        } else if (m instanceof Action a) {
            RPObjectCodec.writeAttributesOnly(a.action(), version, w);
            if (a.window() != null) {
                w.writeByte(a.window());
            }
        } else if (m instanceof LoginSendUsernameAndPassword l) {
            w.writeString(l.username()).writeString(l.password());
        } else if (m instanceof LoginSendNonceNamePasswordAndSeed l) {
            w.writeByteArray(l.nonce()).writeString(l.username()).writeByteArray(l.encryptedPassword()).writeByteArray(l.encryptedSeed());
        } else if (m instanceof LoginWithToken l) {
            w.writeByteArray(l.nonce()).writeByteArray(l.encryptedSessionKey()).writeByteArray(l.initVector())
                    .writeString(l.username()).writeString(l.tokenType()).writeByteArray(l.encryptedToken());
        } else if (m instanceof CreateAccountWithToken c) {
            w.writeString(c.username()).writeString(c.tokenType()).writeString(c.token());
            if (c.language() != null) {
                w.write255String(c.language());
            }
        } else if (m instanceof ProxyCreateAccount p) {
            w.writeString(p.credentials()).writeString(p.forwardedFor()).writeString(p.username()).writeString(p.password())
                    .writeString(p.email());
        } else if (m instanceof ProxyCreateCharacter p) {
            w.writeString(p.credentials()).writeString(p.forwardedFor()).writeString(p.username()).writeString(p.character());
            RPObjectCodec.write(p.template(), DetailLevel.NORMAL, version, w);
        } else if (m instanceof UpdateResponse u) {
            w.write65536String(u.response());
        } else if (m instanceof Update u) {
            w.writeByteArray(u.update());
        } else if (m instanceof TransferAck a) {
            w.writeInt(a.wanted().size());
            a.wanted().forEach((name, yes) -> w.writeString(name).writeByte(yes ? 1 : 0));
        } else if (m instanceof TransferReq r) {
            w.writeInt(r.offered().size());
            for (Content c : r.offered()) {
                w.writeString(c.name()).writeInt(c.timestamp());
                if (version >= FIRST_WITH_CONTENT_HASH) {
                    w.writeByteArray(c.md5OrEmpty());
                }
                w.writeByte(c.cacheable() ? 1 : 0);
            }
        } else if (m instanceof Transfer t) {
            ByteBuf plain = Unpooled.buffer();
            try {
                WireWriter p = new WireWriter(plain).writeInt(t.contents().size());
                for (Content c : t.contents()) {
                    p.writeString(c.name()).writeByteArray(c.data()).writeInt(c.timestamp());
                    if (version >= FIRST_WITH_CONTENT_HASH) {
                        p.writeByteArray(c.md5OrEmpty());
                    }
                    p.writeByte(c.cacheable() ? 1 : 0);
                }
                w.writeByteArray(deflate(ByteBufUtil.getBytes(plain)));
            } finally {
                plain.release();
            }
        } else if (m instanceof PerceptionMessage p) {
            w.writeByteArray(p.shared().bytes(version, v -> deflate(perceptionShared(p.perception(), v))));
            ByteBuf own = Unpooled.buffer();
            try {
                WireWriter o = new WireWriter(own).writeInt(p.timestamp());
                writeOptional(p.myAdded(), version, o);
                writeOptional(p.myDeleted(), version, o);
                w.writeByteArray(ByteBufUtil.getBytes(own));
            } finally {
                own.release();
            }
        }
        // KeepAlive, ConnectNack, ChooseCharacterAck/Nack, LogoutAck, LogoutNack: the header alone
    }

    /** The part of S2C_PERCEPTION every player of a zone shares, before compression. */
    public static byte[] perceptionShared(Perception p, int version) {
        ByteBuf b = Unpooled.buffer();
        try {
            WireWriter w = new WireWriter(b).writeByte(p.type()).writeString(p.zoneId());
            for (List<RPObject> list : List.of(p.added(), p.modifiedAdded(), p.modifiedDeleted(), p.deleted())) {
                w.writeInt(list.size());
                list.forEach(o -> RPObjectCodec.write(o, DetailLevel.NORMAL, version, w));
            }
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static void writeOptional(RPObject o, int version, WireWriter w) {
        if (o == null) {
            w.writeByte(0);
        } else {
            w.writeByte(1);
            RPObjectCodec.write(o, DetailLevel.PRIVATE, version, w);
        }
    }

    private static PerceptionMessage perception(WireReader in, RPClasses classes, int version) {
        WireReader shared = new WireReader(Unpooled.wrappedBuffer(inflate(in.readByteArray())));
        int type = shared.readByte();
        String zone = shared.readString();
        List<List<RPObject>> lists = new ArrayList<>();
        for (int l = 0; l < 4; l++) {
            int count = shared.readInt();
            if (count < 0 || count > WireReader.MAX_ARRAY) {
                throw new MarauroaFormatException("a perception list of " + count + " objects");
            }
            List<RPObject> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(RPObjectCodec.read(shared, classes, version));
            }
            lists.add(list);
        }
        WireReader own = new WireReader(Unpooled.wrappedBuffer(in.readByteArray()));
        int timestamp = own.readInt();
        RPObject myAdded = own.readByte() == 1 ? RPObjectCodec.read(own, classes, version) : null;
        RPObject myDeleted = own.readByte() == 1 ? RPObjectCodec.read(own, classes, version) : null;
        return new PerceptionMessage(new Perception(type, zone, lists.get(0), lists.get(1), lists.get(2), lists.get(3)),
                timestamp, myAdded, myDeleted);
    }

    /** zlib (deflate with its header), as Marauroa's DeflaterOutputStream writes it. */
    static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater();
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** The zlib-compressed part of S2C_SERVERINFO: the lines, then the RPClasses. */
    static byte[] serverInfoBody(ServerInfo info, int version) {
        ByteBuf plain = Unpooled.buffer();
        try {
            WireWriter w = new WireWriter(plain).writeStringArray(info.contents().toArray(String[]::new));
            info.classes().write(w);
            return deflate(ByteBufUtil.getBytes(plain));
        } finally {
            plain.release();
        }
    }

    private static ServerInfo serverInfo(byte[] plain, int version) {
        WireReader r = new WireReader(Unpooled.wrappedBuffer(plain));
        List<String> lines = Arrays.asList(r.readStringArray());
        return new ServerInfo(lines, RPClasses.read(r));
    }

    static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MarauroaFormatException("the server info is cut short");
                }
                out.write(chunk, 0, n);
                if (out.size() > WireReader.MAX_ARRAY * 4) {
                    throw new MarauroaFormatException("the server info inflates past its limit");
                }
            }
        } catch (DataFormatException e) {
            throw new MarauroaFormatException("the server info is not zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
