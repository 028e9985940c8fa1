package io.gatehouse.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.EveryFrontServer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser (headless Chromium) against a server with every front: signed
 * in with the admin key, it shows a client of each front as it connects, kicks one (whose
 * client gets its front's kick answer), bans an account, and charts the server's meters.
 */
class ConsoleBrowserTest {

    private EveryFrontServer server;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        browser = HeadlessChromium.start();
        server = EveryFrontServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signInSeeEveryFrontKickBanAndReadAChart() throws Exception {
        WebDriver page = browser.driver();
        page.get(server.http() + "/console");
        WebElement key = page.findElement(By.id("admin-key"));
        key.sendKeys("not-the-key", Keys.ENTER);
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "wrong admin key"));
        key.clear();
        key.sendKeys(EveryFrontServer.KEY, Keys.ENTER);
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "live"));
        assertThat(page.getCurrentUrl()).as("no key in the URL").doesNotContain(EveryFrontServer.KEY);

        ControlClient control = server.control("carl");
        server.vcmi("vic");
        MarauroaClient marauroa = server.marauroa("mia", "mia");
        server.astron();
        for (String front : List.of("control", "vcmi", "marauroa", "astron")) {
            browser.waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions-rows tr[data-front=" + front + "]")));
        }
        assertThat(page.findElement(By.cssSelector("#sessions-rows tr[data-front=control]")).getText()).contains("carl", "127.0.0.1:");
        assertThat(page.findElement(By.id("fronts-rows")).getText()).contains("vcmi", "astron", "marauroa", "control");

        // the meters: a sample taken once the clock has moved on shows the connections now open
        server.clock.advance(Duration.ofSeconds(5));
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#chart-connections .latest [data-series=control]"), "control 1"));
        assertThat(page.findElements(By.cssSelector("#chart-connections polyline"))).hasSizeGreaterThanOrEqualTo(4);

        // filter and search
        page.findElement(By.id("sessions-search")).sendKeys("vic");
        browser.waiting(5).until(d -> d.findElements(By.cssSelector("#sessions-rows tr[data-front]")).size() == 1);
        page.findElement(By.id("sessions-search")).clear();
        page.findElement(By.id("sessions-search")).sendKeys(Keys.BACK_SPACE);
        browser.waiting(5).until(d -> d.findElements(By.cssSelector("#sessions-rows tr[data-front]")).size() == 4);
        ((JavascriptExecutor) page).executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        browser.screenshot("console");

        // kick, by keyboard
        WebElement kick = page.findElement(By.cssSelector("#sessions-rows tr[data-front=control] button.kick"));
        kick.sendKeys(Keys.ENTER);
        assertThat(control.awaitClose().code()).isEqualTo(CloseCode.SESS_EXPIRED.wire());
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Close SessExpired"));
        browser.waiting(10).until(d -> d.findElements(By.cssSelector("#sessions-rows tr[data-front=control]")).isEmpty());

        // ban an account found by part of its name
        page.findElement(By.id("accounts-search")).sendKeys("mi", Keys.ENTER);
        browser.waiting(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#accounts-rows button"))).click();
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-title"), "mia"));
        assertThat(page.findElement(By.id("logins-rows")).getText()).contains("success", "marauroa");
        page.findElement(By.id("ban-reason")).sendKeys("griefing", Keys.ENTER);
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Banned mia: griefing"));
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-status"), "banned (griefing)"));
        Awaitility.await().until(marauroa::closedByServer);
        assertThat(server.adminJson("GET", "/api/v1/accounts/mia", null).get("status").asText()).isEqualTo("banned");
        browser.waiting(10).until(d -> d.findElements(By.cssSelector("#sessions-rows tr[data-front=marauroa]")).isEmpty());
        browser.screenshot("console-after-ban");

        page.findElement(By.id("sign-out")).click();
        assertThat(page.findElement(By.id("main")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) page).executeScript("return sessionStorage.length")).isEqualTo(0L);
    }
}
