package io.gatehouse.server.marauroa;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.server.Gatehouse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What marauroa tests read of a running server's world and of a client's end. */
public final class MarauroaWorld {

    private MarauroaWorld() {
    }

    /** The x of every object named {@code name} in the example game's town, as the server's world has them. */
    public static List<String> inTown(Gatehouse server, String name) throws Exception {
        return server.front(MarauroaFront.class).services().loop()
                .inspect(w -> w.zone("town").objects().stream().filter(o -> name.equals(o.get("name"))).map(o -> o.get("x")).toList())
                .get(10, TimeUnit.SECONDS);
    }

    /** Reads what the server still sends until it closes the connection; false if it stays open. */
    public static boolean closesAfterWhatItSent(MarauroaClient c) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                c.next();
            } catch (TimeoutException e) {
                return e.getMessage().contains("closed");
            }
        }
        return false;
    }
}
