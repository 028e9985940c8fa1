package io.gatehouse.bench.soak;

import io.gatehouse.client.astron.AstronClient;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One astron game client's visit: CLIENT_HELLO, a login on the anonymous UberDOG (the game
 * server makes the client established and welcomes it), an interest in the board's zone, the
 * board in view and one of its broadcast updates received, the interest removed, heartbeats
 * meanwhile, and CLIENT_DISCONNECT.
 */
final class AstronChurn implements PlayerCycle {

    private static final int SET_FIELD = 120;
    private static final int DONE_INTEREST = 204;

    private final InetSocketAddress clientAgent;
    private final Tally tally;

    AstronChurn(InetSocketAddress clientAgent, Tally tally) {
        this.clientAgent = clientAgent;
        this.tally = tally;
    }

    @Override
    public void run(long n, InetSocketAddress local) throws Exception {
        try (AstronClient c = new AstronClient(clientAgent, local, SoakWorld.DC).timeout(Duration.ofSeconds(10))) {
            tally.connected();
            c.hello(SoakWorld.VERSION);
            c.startHeartbeat(Duration.ofMillis(250));
            c.setField(SoakWorld.LOGIN, "LoginManager", "login", SoakWorld.CHURN_USER);
            c.awaitView(v -> c.receivedCount(SoakWorld.WELCOME) > 0, "welcome from the game server");
            c.awaitInterestDone(c.addInterest(1, SoakWorld.ZONE_PARENT, SoakWorld.ZONE));
            c.awaitView(v -> v.containsKey(SoakWorld.BOARD), "board in view");
            int updates = c.receivedCount(SET_FIELD);
            c.awaitView(v -> c.receivedCount(SET_FIELD) > updates, "broadcast update of the board");
            int done = c.receivedCount(DONE_INTEREST);
            c.removeInterest(1);
            c.awaitView(v -> c.receivedCount(DONE_INTEREST) > done, "answer to the interest's removal");
            c.disconnect();
            if (c.awaitClose() != null) {
                throw new IllegalStateException("ejected on CLIENT_DISCONNECT");
            }
        }
    }
}
