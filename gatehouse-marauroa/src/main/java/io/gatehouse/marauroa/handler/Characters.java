package io.gatehouse.marauroa.handler;

import io.gatehouse.core.account.CharacterStore;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;
import io.gatehouse.marauroa.game.DetailLevel;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.RPObjectCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A marauroa account's characters in the core's store: each kept as its RPObject at the FULL
 * detail level (every storable attribute, by name), so that a change of the game's codes
 * cannot scramble stored characters. Blocking: call off the event loops.
 */
final class Characters {

    private final CharacterStore store;
    private final RPClasses classes;

    Characters(CharacterStore store, RPClasses classes) {
        this.store = store;
        this.classes = classes;
    }

    /** The account's characters, oldest first. */
    Map<String, RPObject> of(long accountId) {
        return decoded(store.list(accountId));
    }

    /** The account's characters as stored, read in the caller's transaction (a login's one read). */
    List<CharacterStore.StoredCharacter> stored(Connection c, long accountId) throws SQLException {
        return store.list(c, accountId);
    }

    /** Characters as {@link #stored} read them, by name, in their order. */
    Map<String, RPObject> decoded(List<CharacterStore.StoredCharacter> stored) {
        Map<String, RPObject> out = new LinkedHashMap<>();
        for (CharacterStore.StoredCharacter c : stored) {
            out.put(c.name(), decode(c.data()));
        }
        return out;
    }

    Optional<RPObject> find(long accountId, String name) {
        return store.find(accountId, name).map(c -> decode(c.data()));
    }

    /** False when the name is taken. */
    boolean create(long accountId, String name, RPObject object) {
        return store.create(accountId, name, encode(object));
    }

    void save(long accountId, String name, RPObject object) {
        store.save(accountId, name, encode(object));
    }

    private RPObject decode(byte[] data) {
        return RPObjectCodec.read(new WireReader(Unpooled.wrappedBuffer(data)), classes, MarauroaCodec.VERSION);
    }

    private static byte[] encode(RPObject o) {
        ByteBuf b = Unpooled.buffer();
        RPObjectCodec.write(o, DetailLevel.FULL, MarauroaCodec.VERSION, new WireWriter(b));
        return ByteBufUtil.getBytes(b);
    }
}
