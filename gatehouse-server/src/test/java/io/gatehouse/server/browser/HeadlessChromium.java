package io.gatehouse.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through its chromedriver, for one test class: Debian's
 * {@code chromium} and {@code chromium-driver}, which {@code ./gatehouse test} installs and names
 * in {@code GATEHOUSE_TEST_CHROMIUM} and {@code GATEHOUSE_TEST_CHROMEDRIVER}. Without them the
 * tests are skipped, unless the test command asked for the browser
 * ({@code GATEHOUSE_REQUIRE_BROWSER=1}).
 *
 * <p>The browser starts with a new empty profile and none of its background traffic (updates,
 * sync, safe-browsing lookups): the tests' machines have no network beyond loopback. Selenium's
 * own driver download is never used: the driver is named.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM_ENV = "GATEHOUSE_TEST_CHROMIUM";
    static final String DRIVER_ENV = "GATEHOUSE_TEST_CHROMEDRIVER";
    static final String REQUIRE_ENV = "GATEHOUSE_REQUIRE_BROWSER";

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser with a window of 1280 by 900 CSS pixels, a laptop's screen. */
    public static HeadlessChromium start() throws IOException {
        Path chromium = binary(CHROMIUM_ENV, "/usr/bin/chromium");
        Path chromedriver = binary(DRIVER_ENV, "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("gatehouse-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    private static Path binary(String env, String usual) {
        String named = System.getenv(env);
        Path p = Path.of(named == null ? usual : named);
        if (Files.isExecutable(p)) {
            return p;
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError("no " + p + " although the test command requires the browser");
        }
        Assumptions.abort("no " + p + "; run the suite with ./gatehouse test to include the browser tests");
        return null;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A wait of up to {@code seconds} for a condition on the page. */
    public WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /**
     * Saves what the page shows now as {@code target/screenshots/NAME.png} (relative to the
     * module, where Maven runs the tests) and returns the file.
     */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
