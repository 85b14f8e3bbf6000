package dev.veil.gateway.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile, nothing in the
 * background that would reach the network, and the page's console and network log recorded so a
 * test can read every response body (Chrome DevTools {@code Network.getResponseBody}). Without the
 * browser the calling test is skipped with a message saying how to install it, never passed. A
 * JUnit extension: registered on a test class, it starts before the class's tests and quits after them.
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

    static final Dimension DESKTOP = new Dimension(1200, 860);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ChromeDriver driver;
    private Path profile;
    private final List<String> responses = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    private HeadlessChromium() {}

    /** A browser for one test class: {@code @RegisterExtension static final HeadlessChromium BROWSER = HeadlessChromium.perClass();}. */
    static HeadlessChromium perClass() {
        return new HeadlessChromium();
    }

    /** Starts the browser, or skips the class (a JUnit assumption) when chromium or chromedriver is missing. */
    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<Path> binary = find("VEIL_CHROMIUM", "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> chromedriver = find("VEIL_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        assumeTrue(binary.isPresent() && chromedriver.isPresent(), "browser tests skipped: no chromium and chromedriver here"
                + " (install them with: apt-get install -y chromium chromium-driver, or set VEIL_CHROMIUM and VEIL_CHROMEDRIVER)");
        try {
            profile = Files.createTempDirectory("veil-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    private static Optional<Path> find(String env, String... candidates) {
        String configured = System.getenv(env);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    ChromeDriver driver() {
        return driver;
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void awaitGone(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /**
     * Reads the network log since the last call and keeps every response body the page received
     * (bodies are read while the page that received them is still open).
     */
    void recordNetwork() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                var message = JSON.readTree(entry.getMessage()).path("message");
                if (!message.path("method").asText().equals("Network.loadingFinished")) {
                    continue;
                }
                String id = message.path("params").path("requestId").asText();
                Map<String, Object> body = driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", id));
                String text = (String) body.get("body");
                responses.add(Boolean.TRUE.equals(body.get("base64Encoded"))
                        ? new String(Base64.getDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8) : text);
            } catch (IOException | RuntimeException e) {
                // a body Chromium no longer holds (a redirect, a preflight): nothing the page could read either
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    /** Every response body recorded so far. */
    List<String> responses() {
        return List.copyOf(responses);
    }

    /** Every console line recorded so far. */
    List<String> console() {
        return List.copyOf(console);
    }

    /** What the page keeps: local and session storage, and cookies visible to scripts. */
    String storage() {
        return String.valueOf(driver.executeScript("return JSON.stringify({local: Object.assign({}, localStorage),"
                + " session: Object.assign({}, sessionStorage), cookies: document.cookie});"));
    }

    /** The whole DOM as it is now, with form fields' current values (which page source leaves out). */
    String dom() {
        return driver.getPageSource() + "\n" + driver.executeScript(
                "return [...document.querySelectorAll('input, textarea, select')].map(e => e.value).join('\\n');");
    }

    /** A PNG of the viewport at {@code size} into {@code dir/name.png} when {@code dir} is set; the window size is restored. */
    void screenshot(Path dir, String name, Dimension size) {
        if (dir == null) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(size);
        try {
            Files.createDirectories(dir);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (profile == null) {
            return; // skipped before it started
        }
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind
            }
        }
    }
}
