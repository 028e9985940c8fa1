package io.gatehouse.bench.soak;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.ChooseCharacterAck;
import io.gatehouse.marauroa.message.MarauroaMessage.LogoutAck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One marauroa player's visit: the secure login with an account that no other cycle is using
 * at the time, the character chosen, its first (TOTAL) perception, a few moves and a chat
 * line, the perception of the turn that applied them, logout. The accounts and their characters are made once, before the run.
 */
final class MarauroaChurn implements PlayerCycle {

    private static final String PASSWORD = "soak-secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress server;
    private final Tally tally;
    private final BlockingQueue<Integer> free;

    MarauroaChurn(InetSocketAddress server, int accounts, Tally tally) {
        this.server = server;
        this.tally = tally;
        this.free = new ArrayBlockingQueue<>(accounts);
        for (int i = 0; i < accounts; i++) {
            free.add(i);
        }
    }

    static String user(String prefix, int i) {
        return prefix + i;
    }

    /** Makes the account {@code user} with one character of the same name. */
    static void makePlayer(InetSocketAddress server, String user) throws Exception {
        try (MarauroaClient c = new MarauroaClient(server).timeout(TIMEOUT)) {
            c.createAccount(user, PASSWORD, user + "@example.org");
            c.login(user, PASSWORD, "soak", "1");
            c.createCharacter(user, new RPObject(c.classes().get("player")));
            c.next();
        }
    }

    /** Logs {@code user} in with its character, from {@code local}; the caller closes the client. */
    static MarauroaClient enter(InetSocketAddress server, InetSocketAddress local, String user) throws Exception {
        MarauroaClient c = new MarauroaClient(server, local, MarauroaCodec.VERSION).timeout(TIMEOUT);
        try {
            c.login(user, PASSWORD, "soak", "1");
            if (!(c.chooseCharacter(user) instanceof ChooseCharacterAck)) {
                throw new IllegalStateException("character " + user + " not chosen");
            }
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void run(long n, InetSocketAddress local) throws Exception {
        Integer account = free.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (account == null) {
            throw new TimeoutException("no free account");
        }
        try (MarauroaClient c = enter(server, local, user("churn", account))) {
            tally.connected();
            // the TOTAL perception first: actions sent after it change the zone in a later turn,
            // which brings a DELTA (a turn in which nothing changed sends none)
            c.awaitPerceptions(1);
            for (int i = 0; i < 3; i++) {
                c.act(Map.of("type", "move", "dx", "1", "dy", "0"));
            }
            c.act(Map.of("type", "chat", "text", "soak " + n));
            c.awaitPerceptions(1);
            if (!(c.logout() instanceof LogoutAck)) {
                throw new IllegalStateException("logout refused");
            }
        } finally {
            free.add(account);
        }
    }
}
