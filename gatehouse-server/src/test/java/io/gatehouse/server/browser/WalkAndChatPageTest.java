package io.gatehouse.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.MarauroaFront;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.MarauroaMessage.ChooseCharacterAck;
import io.gatehouse.server.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The example game's page (docs/protocol/marauroa.md, section 11.7) in a real Chromium, with our
 * own JavaScript client, beside a TCP player: each sees the other walk and chat. The server's
 * clock is manual, so the test plays the turns while it waits.
 */
class WalkAndChatPageTest {

    static TestServer server;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Plays turns until {@code done} holds (at most 15 s). */
    private static void playUntil(BooleanSupplier done) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            server.gatehouse.front(MarauroaFront.class).services().loop().call(() -> null).get(10, TimeUnit.SECONDS);
            server.clock.advance(Duration.ofMillis(300));
            return done.getAsBoolean();
        });
    }

    private static String playerLine(String name) {
        return browser.driver().findElements(By.cssSelector("#players li[data-name='" + name + "']")).stream()
                .map(WebElement::getText).findFirst().orElse("");
    }

    private static RPObject named(MarauroaClient c, String name) {
        try {
            return c.awaitPerceptions(0).values().stream().filter(o -> name.equals(o.get("name"))).findFirst().orElse(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBrowserPlayerAndATcpPlayerSeeEachOtherWalkAndChat() throws Exception {
        try (MarauroaClient tcp = new MarauroaClient(server.gatehouse.front(MarauroaFront.class).address())) {
            tcp.createAccount("tcpy", "secret", "t@example.org");
            tcp.login("tcpy", "secret", "game", "1");
            tcp.createCharacter("tcpy", RPObject.withoutClass());
            tcp.next();
            assertThat(tcp.chooseCharacter("tcpy")).isEqualTo(new ChooseCharacterAck());

            browser.driver().get(server.marauroaWeb() + "/play/walkandchat#user=webby&token=" + server.token("webby"));
            browser.driver().findElement(By.id("go")).click();
            browser.waiting(15).until(d -> d.findElement(By.id("status")).getText().contains("Playing as webby"));

            playUntil(() -> playerLine("tcpy").equals("tcpy (0,0)") && playerLine("webby").equals("webby (0,0)"));

            tcp.act(Map.of("type", "move", "dx", "1", "dy", "1"));
            playUntil(() -> playerLine("tcpy").equals("tcpy (1,1)"));

            WebElement town = browser.driver().findElement(By.id("town"));
            town.click();
            town.sendKeys(Keys.ARROW_LEFT);
            playUntil(() -> named(tcp, "webby") != null && "-1".equals(named(tcp, "webby").get("x")));
            town.sendKeys(Keys.ARROW_UP);
            playUntil(() -> "-1".equals(named(tcp, "webby").get("y")) && playerLine("webby").equals("webby (-1,-1)"));

            browser.driver().findElement(By.id("say")).sendKeys("hello tcp" + Keys.ENTER);
            playUntil(() -> "hello tcp".equals(named(tcp, "webby").get("text")));
            tcp.act(Map.of("type", "chat", "text", "hello web"));
            playUntil(() -> browser.driver().findElement(By.id("chatlog")).getText().contains("tcpy: hello web"));
            assertThat(browser.driver().findElement(By.id("chatlog")).getText()).contains("webby: hello tcp");
            assertThat(browser.screenshot("walkandchat")).isRegularFile().isNotEmptyFile();
        }
    }

    @Test
    void aSpentTokenIsRefusedOnThePage() {
        String token = server.token("again");
        server.services().tokens().consume(token);
        browser.driver().get(server.marauroaWeb() + "/play/walkandchat#user=again&token=" + token);
        browser.driver().findElement(By.id("go")).click();
        browser.waiting(15).until(d -> d.findElement(By.id("status")).getText().contains("Sign-in refused: Username/Password incorrect."));
    }
}
