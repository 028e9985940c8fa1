package io.gatehouse.astron.clientagent;

import java.util.Set;

/** One open interest of a client: its id, a parent and zones of that parent, without repeats. */
record Interest(int id, long parent, Set<Long> zones) {

    boolean covers(long parent, long zone) {
        return this.parent == parent && zones.contains(zone);
    }
}
