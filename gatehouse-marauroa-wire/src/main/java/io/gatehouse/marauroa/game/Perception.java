package io.gatehouse.marauroa.game;

import java.util.List;

/** The shared part of S2C_PERCEPTION for one zone and turn: its type and the four object lists. */
public record Perception(int type, String zoneId, List<RPObject> added, List<RPObject> modifiedAdded,
                         List<RPObject> modifiedDeleted, List<RPObject> deleted) {

    public static final int DELTA = 0;
    public static final int SYNC = 1;

    public Perception {
        added = List.copyOf(added);
        modifiedAdded = List.copyOf(modifiedAdded);
        modifiedDeleted = List.copyOf(modifiedDeleted);
        deleted = List.copyOf(deleted);
    }
}
