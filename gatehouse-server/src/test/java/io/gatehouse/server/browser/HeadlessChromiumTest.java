package io.gatehouse.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser fixture itself: a real Chromium reads a page a running Gatehouse serves. */
class HeadlessChromiumTest {

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

    @Test
    void readsTheHealthOfARunningServer() {
        browser.driver().get(server.http() + "/health");
        String body = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(body).contains("\"status\":\"ok\"");
        assertThat(browser.screenshot("health")).isRegularFile().isNotEmptyFile();
    }
}
