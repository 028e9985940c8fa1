package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.game.Definition.Kind;
import io.gatehouse.marauroa.game.Definition.Type;

/**
 * The class of objects that name none (or an unknown one): every name is defined on the fly,
 * with code -1 (so it is always written as text) and type very long string; names starting
 * with {@code #} are hidden and with {@code !} private, as in Marauroa.
 */
final class DefaultRPClass extends RPClass {

    static final DefaultRPClass INSTANCE = new DefaultRPClass();

    private DefaultRPClass() {
        super("");
    }

    @Override
    public Definition definition(Kind kind, String definitionName) {
        byte flags = definitionName.startsWith("!") ? Definition.PRIVATE
                : definitionName.startsWith("#") ? Definition.HIDDEN : Definition.STANDARD;
        return new Definition(kind, (short) -1, definitionName, -1, null, Type.VERY_LONG_STRING, flags);
    }

    @Override
    public String nameOf(Kind kind, short code) {
        return null;
    }

    @Override
    public boolean hasAny(Kind kind) {
        return false;
    }
}
