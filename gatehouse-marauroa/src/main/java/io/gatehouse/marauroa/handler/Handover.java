package io.gatehouse.marauroa.handler;

import io.gatehouse.core.session.Handovers;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part when a login on another node of the cluster takes over a character played
 * here: the character leaves this world, its connection is closed as a duplicate (Marauroa has
 * no message for it), and the answer waits until the character is stored, so that the other
 * node loads it as it left.
 */
public final class Handover implements Handovers.Holder {

    private static final Logger log = LoggerFactory.getLogger(Handover.class);

    private final MarauroaServices services;
    private final Characters characters;

    public Handover(MarauroaServices services) {
        this.services = services;
        this.characters = new Characters(services.characters(), services.game().classes());
    }

    @Override
    public CompletableFuture<Boolean> letGo(long accountId, String name) {
        return services.loop().handOver(accountId, name).thenApplyAsync(left -> {
            if (left == null) {
                return false;
            }
            characters.save(accountId, name, left);
            log.info("{} is played on another node now; stored as it left this one", name);
            return true;
        }, services.blocking());
    }
}
