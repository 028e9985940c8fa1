package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.message.ClientMessageType.*;

import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.message.ClientMessageType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one client knows of the objects around it (docs/protocol/astron.md, section 11):
 * objects it sees through its interests, objects it owns, objects declared to it, objects it
 * saw once, its session objects and the fields it may send beyond the DC file's rules. Touched
 * on the client's thread only.
 */
final class ObjectView {

    /** An object's class and where the client last heard it is. */
    static final class Located {
        final DcClass dclass;
        long parent;
        long zone;

        Located(DcClass dclass, long parent, long zone) {
            this.dclass = dclass;
            this.parent = parent;
            this.zone = zone;
        }
    }

    private final Map<Long, Uberdog> uberdogs;
    private final Map<Long, DcClass> uberdogClasses;
    /** In ascending id, the order in which Gatehouse reports objects leaving with a zone. */
    final Map<Long, Located> visible = new TreeMap<>();
    final Set<Long> seen = new HashSet<>();
    final Map<Long, Located> owned = new HashMap<>();
    final Map<Long, DcClass> declared = new HashMap<>();
    final Set<Long> historical = new HashSet<>();
    final Set<Long> session = new LinkedHashSet<>();
    final Map<Long, Set<Integer>> sendable = new HashMap<>();

    ObjectView(Map<Long, Uberdog> uberdogs, Map<Long, DcClass> uberdogClasses) {
        this.uberdogs = uberdogs;
        this.uberdogClasses = uberdogClasses;
    }

    /**
     * The class of an object the client may address, or null: an UberDOG, an owned object, a
     * seen object that is still visible, or a declared object (checked in that order; a seen
     * object that is no longer visible is unknown even when declared, as in astrond).
     */
    DcClass lookup(long doId) {
        if (uberdogClasses.containsKey(doId)) {
            return uberdogClasses.get(doId);
        }
        if (owned.containsKey(doId)) {
            return owned.get(doId).dclass;
        }
        if (seen.contains(doId)) {
            Located v = visible.get(doId);
            return v == null ? null : v.dclass;
        }
        return declared.get(doId);
    }

    boolean isAnonymousUberdog(long doId) {
        Uberdog u = uberdogs.get(doId);
        return u != null && u.anonymous();
    }

    boolean isOwned(long doId) {
        return owned.containsKey(doId);
    }

    boolean isSendable(long doId, int fieldId) {
        Set<Integer> fields = sendable.get(doId);
        return fields != null && fields.contains(fieldId);
    }

    /** Forgets a visible object: it was seen once, and updates for it are dropped quietly from now on. */
    void forget(long doId) {
        seen.remove(doId);
        historical.add(doId);
        visible.remove(doId);
    }

    static ClientMessageType enterMessage(boolean other, boolean owner) {
        if (owner) {
            return other ? ENTER_OBJECT_REQUIRED_OTHER_OWNER : ENTER_OBJECT_REQUIRED_OWNER;
        }
        return other ? ENTER_OBJECT_REQUIRED_OTHER : ENTER_OBJECT_REQUIRED;
    }
}
