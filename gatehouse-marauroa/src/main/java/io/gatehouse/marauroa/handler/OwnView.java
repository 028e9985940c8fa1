package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.game.RPObject;

/** What a perception tells a player of its own object beyond what everyone sees (docs/protocol/marauroa.md, section 10). */
final class OwnView {

    private OwnView() {
    }

    /** TOTAL: the object without what everyone sees. */
    static RPObject total(RPObject o) {
        return io.gatehouse.marauroa.game.Diffs.ownersPart(o);
    }

    /** DELTA: the attributes set this turn, without what everyone sees; null when nothing changed. */
    static RPObject added(RPObject o) {
        RPObject a = io.gatehouse.marauroa.game.Diffs.added(o);
        return a == null ? null : io.gatehouse.marauroa.game.Diffs.ownersPart(a);
    }

    /** DELTA: the attributes removed this turn, without what everyone sees; null when none. */
    static RPObject deleted(RPObject o) {
        RPObject d = io.gatehouse.marauroa.game.Diffs.deleted(o);
        return d == null ? null : io.gatehouse.marauroa.game.Diffs.ownersPart(d);
    }
}
