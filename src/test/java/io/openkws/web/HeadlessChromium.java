package io.openkws.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver, with a throw-away profile.
 *
 * <p>Exists so every browser test (against the fake service and against the real simulated device) starts the
 * browser the same way. A missing browser fails the test with the packages to install; it never skips.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium at 1280×900 with the browser console log captured. */
    public static HeadlessChromium start() throws IOException {
        Path chromium = executable("chromium");
        Path chromedriver = executable("chromedriver");
        Path profile = Files.createTempDirectory("openkws-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(driverService, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code target/<name>} (the README's pictures are copied from there). */
    public void screenshot(String name) throws IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The program on PATH (or under /usr/bin), else a failure saying what to install. */
    private static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return fail(name + " not found: the browser tests need Debian's chromium and chromium-driver "
                + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
