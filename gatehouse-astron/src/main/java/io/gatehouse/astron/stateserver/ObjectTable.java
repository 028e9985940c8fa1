package io.gatehouse.astron.stateserver;

import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MdParticipant;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.core.metrics.ClientFaults;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects one State Server (or DBSS) holds, and what they share: the Message Director they
 * route through and where they report faults. Routing thread only.
 */
final class ObjectTable {

    final MessageDirector md;
    final ClientFaults faults;
    final Map<Long, DistributedObject> objects = new HashMap<>();

    ObjectTable(MessageDirector md, ClientFaults faults) {
        this.md = md;
        this.faults = faults;
    }

    /** Routes {@code d} from {@code from}, unless it does not fit one datagram: then it is reported and not sent. */
    void route(MdParticipant from, Datagram d, ClientFaults.Tracker faultsOfFrom) {
        if (!d.fits()) {
            faultsOfFrom.report(StateServer.OVERSIZED, "an answer of " + d.length() + " bytes does not fit one datagram; not sent");
            d.discard();
            return;
        }
        md.route(from, d.build());
    }
}
