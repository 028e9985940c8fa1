package io.gatehouse.server.marauroa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How many accounts and characters one address may make in a while, and creation switched
 * off (docs/protocol/marauroa.md, section 6). Loopback is not exempt here, so the limits
 * apply to the test's own address.
 */
class MarauroaCreationLimitTest extends MarauroaFixture {


    @Test
    void anAddressMakesAtMostTheLimitOfAccountsPerWindow() throws Exception {
        start("""
                  account_creation_limit: 2
                  creation_window: 1h
                  creation_limit_exempt: []
                  pre_login_timeout: 2h
                """);
        try (MarauroaClient c = client()) {
            assertThat(c.createAccount("ann", "secret", "a@example.org")).isEqualTo(new CreateAccountAck("ann"));
            assertThat(c.createAccount("ann", "secret", "a@example.org")).as("a refused one does not count")
                    .isEqualTo(new CreateAccountNack(AccountResult.FAILED_PLAYER_EXISTS));
            assertThat(c.createAccount("bob", "secret", "b@example.org")).isEqualTo(new CreateAccountAck("bob"));
            assertThat(c.createAccount("cid", "secret", "c@example.org")).isEqualTo(new CreateAccountNack(AccountResult.FAILED_TOO_MANY));
            clock.advance(Duration.ofMinutes(61));
            assertThat(c.createAccount("cid", "secret", "c@example.org")).as("the window has passed").isEqualTo(new CreateAccountAck("cid"));
        }
    }

    @Test
    void clientsRacingFromOneAddressMakeNoMoreThanTheLimit() throws Exception {
        start("""
                  account_creation_limit: 2
                  creation_limit_exempt: []
                """);
        int racers = 6;
        List<MarauroaClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int i = 0; i < racers; i++) {
                clients.add(client());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<MarauroaMessage>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                MarauroaClient c = clients.get(i);
                String name = "racer" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return c.createAccount(name, "secret", name + "@example.org");
                }));
            }
            go.countDown();
            List<MarauroaMessage> got = new ArrayList<>();
            for (Future<MarauroaMessage> a : answers) {
                got.add(a.get(30, TimeUnit.SECONDS));
            }
            assertThat(got).filteredOn(CreateAccountAck.class::isInstance).hasSize(2);
            assertThat(got).filteredOn(a -> !(a instanceof CreateAccountAck))
                    .containsOnly(new CreateAccountNack(AccountResult.FAILED_TOO_MANY));
        } finally {
            pool.shutdownNow();
            clients.forEach(MarauroaClient::close);
        }
    }

    @Test
    void anAccountMakesAtMostTheLimitOfCharactersPerWindow() throws Exception {
        start("""
                  character_creation_limit_per_account: 1
                  creation_limit_exempt: []
                """);
        try (MarauroaClient c = client()) {
            c.createAccount("ann", "secret", "a@example.org");
            c.login("ann", "secret", "game", "1");
            assertThat(c.createCharacter("hero", new RPObject(c.classes().get("player")))).isInstanceOf(CreateCharacterAck.class);
            assertThat(c.next().message()).isInstanceOf(CharacterList.class);
            assertThat(c.createCharacter("second", new RPObject(c.classes().get("player"))))
                    .isEqualTo(new CreateCharacterNack(AccountResult.FAILED_TOO_MANY));
        }
    }

    @Test
    void accountCreationSwitchedOffSendsPlayersToTheMainServer() throws Exception {
        start("  allow_account_creation: false\n");
        try (MarauroaClient c = client()) {
            assertThat(c.createAccount("ann", "secret", "a@example.org"))
                    .isEqualTo(new CreateAccountNack(AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD));
        }
    }

    @Test
    void characterCreationSwitchedOffSendsPlayersToTheMainServer() throws Exception {
        start("  allow_character_creation: false\n");
        try (MarauroaClient c = client()) {
            c.createAccount("ann", "secret", "a@example.org");
            c.login("ann", "secret", "game", "1");
            assertThat(c.createCharacter("hero", new RPObject(c.classes().get("player"))))
                    .isEqualTo(new CreateCharacterNack(AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD));
        }
    }

    @Test
    void loopbackIsExemptByDefault() throws Exception {
        start("  account_creation_limit: 0\n");
        try (MarauroaClient c = client()) {
            assertThat(c.createAccount("ann", "secret", "a@example.org")).isEqualTo(new CreateAccountAck("ann"));
        }
    }
}
