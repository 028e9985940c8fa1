package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.game.OwnersPart;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.Zone;

/**
 * The private part of a player's perception: its own object (docs/protocol/marauroa.md,
 * section 10). A DELTA's differences come from the zone, which has them from its own DELTA.
 */
final class OwnView {

    private OwnView() {
    }

    /** TOTAL: the object without what everyone sees. */
    static RPObject total(RPObject o) {
        return OwnersPart.of(o, true);
    }

    /** DELTA: the turn's "added" differences without what everyone sees; null when nothing changed. */
    static RPObject added(RPObject o, Zone zone) {
        RPObject a = zone.addedDifferences(o);
        return a == null ? null : OwnersPart.of(a, false);
    }

    /** DELTA: the turn's "deleted" differences without what everyone sees; null when nothing was removed. */
    static RPObject deleted(RPObject o, Zone zone) {
        RPObject d = zone.deletedDifferences(o);
        return d == null ? null : OwnersPart.of(d, false);
    }
}
