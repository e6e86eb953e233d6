package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.openkws.config.WebConfig;
import io.openkws.driver.button.Button;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceCommand;
import io.openkws.time.SystemClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium driven by Selenium) against a fake device service: what
 * a person sees and what their clicks send. Fails, never skips, when Chromium is missing.
 */
@Tag("browser")
class WebConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static HeadlessChromium chromium;
    private static ChromeDriver driver;

    private FakeDeviceService service = new FakeDeviceService();
    private WebConsole console;

    @BeforeAll
    static void browser() throws IOException {
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    static void quit() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private String start(Optional<String> password, int port) {
        return start(password, port, Optional.empty());
    }

    private String start(Optional<String> password, int port, Optional<HistorySource> history) {
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", port)),
                password, Optional.empty(), Optional.empty(), Optional.empty()), history, SystemClock.instance());
        return console.url().orElseThrow(() -> new AssertionError("console did not start: " + service.health));
    }

    /** Opens the page (optionally at a {@code #page}) and waits until the live stream is up. */
    private String open(String hash) {
        String url = start(Optional.empty(), 0);
        driver.get(url + "/" + hash);
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        waitFor(() -> "live".equals(linkState()), "the page to go live");
        return url;
    }

    private String linkState() {
        return driver.findElement(By.id("link")).getDomAttribute("data-state");
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        new WebDriverWait(driver, WAIT).withMessage("waiting for " + what).until(d -> condition.getAsBoolean());
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void show(String page) {
        driver.findElement(By.cssSelector("nav a[href='#" + page + "']")).click();
        waitFor(() -> driver.findElement(By.id(page)).isDisplayed(), page + " to show");
    }

    @Test
    void live_values_change_when_the_service_view_changes() {
        open("");
        waitFor(() -> text("voltage").equals("230.0 V"), "the first voltage");
        service.voltage(241.7);
        waitFor(() -> text("voltage").equals("241.7 V"), "the new voltage");
        WebElement relay = driver.findElement(By.id("relay"));
        assertEquals("Relay", relay.getAccessibleName());
        assertEquals("switch", relay.getAriaRole());
        for (String[] reading : new String[][] {{"voltage", "Voltage"}, {"current", "Current"}, {"power", "Power"},
                {"energyToday", "Energy today"}}) {
            assertEquals(reading[1], driver.findElement(By.id(reading[0])).getAccessibleName());
        }
        assertEquals("1.250 kWh", text("energyToday"));
    }

    @Test
    void the_relay_control_sends_relay_commands_and_shows_the_relay() {
        open("");
        WebElement relay = driver.findElement(By.id("relay"));
        relay.click();
        waitFor(() -> "true".equals(relay.getDomAttribute("aria-checked")), "the relay to show on");
        assertEquals(List.of(new DeviceCommand.Relay(true)), service.commands);
        relay.click();
        waitFor(() -> "false".equals(relay.getDomAttribute("aria-checked")), "the relay to show off");
        assertEquals(new DeviceCommand.Relay(false), service.commands.getLast());
    }

    @Test
    void a_refused_on_is_shown_with_its_reason() {
        open("");
        service.voltage(150);
        driver.findElement(By.id("relay")).click();
        waitFor(() -> !text("relay-error").isEmpty(), "the refusal");
        assertEquals("Relay ON refused: voltage unhealthy", text("relay-error"));
        assertEquals("false", driver.findElement(By.id("relay")).getDomAttribute("aria-checked"));
        service.trip(Fault.UVP, 150, 180);
        waitFor(() -> text("problems").contains("fault UVP"), "the fault on the dashboard");
        assertEquals("TRIPPED", text("protection"));
    }

    @Test
    void an_out_of_range_setting_shows_the_service_error_and_changes_nothing() throws IOException {
        open("#settings");
        WebElement input = driver.findElement(By.id("set-overVoltage"));
        waitFor(() -> "250".equals(input.getDomProperty("value")), "the setting's value");
        assertEquals("overVoltage", input.getAccessibleName());
        assertEquals("400", input.getDomAttribute("max"));
        input.clear();
        input.sendKeys("401");
        driver.findElement(By.cssSelector("button[aria-label='Save overVoltage']")).click();
        waitFor(() -> !text("err-overVoltage").isEmpty(), "the error");
        assertEquals("overVoltage: 401.0 is out of range (0 to 400 V)", text("err-overVoltage"));
        assertEquals(250.0, service.settings().overVoltageV());
        input.clear();
        input.sendKeys("245");
        driver.findElement(By.cssSelector("button[aria-label='Save overVoltage']")).click();
        waitFor(() -> text("err-overVoltage").equals("saved"), "the change to be saved");
        screenshot("web-console-settings.png");
        assertEquals(245.0, service.settings().overVoltageV());
        for (var spec : service.info().settings()) {
            assertEquals(spec.name(), driver.findElement(By.id("set-" + spec.name())).getAccessibleName());
        }
    }

    @Test
    void reset_energy_needs_a_confirmation() {
        open("#settings");
        driver.findElement(By.id("reset-energy")).click();
        WebElement dialog = driver.findElement(By.id("confirm"));
        waitFor(dialog::isDisplayed, "the confirmation");
        dialog.findElement(By.cssSelector("button[value=cancel]")).click();
        waitFor(() -> !dialog.isDisplayed(), "the dialog to close");
        assertTrue(service.commands.isEmpty());
        driver.findElement(By.id("reset-energy")).click();
        waitFor(dialog::isDisplayed, "the confirmation");
        driver.findElement(By.id("confirm-ok")).click();
        waitFor(() -> text("reset-result").equals("resetEnergy: done"), "the reset");
        assertEquals(List.of(new DeviceCommand.ResetEnergy()), service.commands);
    }

    @Test
    void the_glass_mirrors_the_service_ram_and_the_power_button_sends_down_then_up() throws IOException {
        open("#glass");
        WebElement lcd = driver.findElement(By.id("lcd"));
        String ram = service.glass().orElseThrow().ram().hex();
        waitFor(() -> ram.equals(lcd.getDomAttribute("data-ram")), "the glass");
        String svg = service.glass().orElseThrow().svg();
        String shown = (String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('#lcd svg').outerHTML");
        assertEquals(count(svg, "#1b1b1b"), count(shown, "#1b1b1b"), "lit segments");
        assertTrue(count(svg, "#1b1b1b") > 5);
        screenshot("web-console-glass.png");

        driver.findElement(By.cssSelector(".key[data-button=power]")).click();
        waitFor(() -> service.commands.size() == 2, "the button's down and up");
        assertEquals(List.of(new DeviceCommand.PressButton(Button.POWER, true),
                new DeviceCommand.PressButton(Button.POWER, false)), service.commands);
        String onRam = service.glass().orElseThrow().ram().hex();
        assertFalse(onRam.equals(ram));
        waitFor(() -> onRam.equals(lcd.getDomAttribute("data-ram")), "the glass to show the relay on");

        new Actions(driver).clickAndHold(driver.findElement(By.cssSelector(".key[data-button=menu]")))
                .pause(Duration.ofMillis(300)).release().perform();
        waitFor(() -> service.commands.size() == 4, "menu down and up");
        assertEquals(List.of(new DeviceCommand.PressButton(Button.MENU, true),
                new DeviceCommand.PressButton(Button.MENU, false)), service.commandsSince(2));
    }

    @Test
    void events_arrive_live_and_filter_by_type() {
        open("#events");
        service.trip(Fault.OVP, 262, 250);
        driver.findElement(By.id("relay"));
        waitFor(() -> driver.findElements(By.cssSelector("#event-rows tr[data-type=trip]")).size() == 1, "the trip");
        service.execute(new DeviceCommand.Relay(false));
        service.voltage(230);
        service.execute(new DeviceCommand.Relay(true));
        waitFor(() -> driver.findElements(By.cssSelector("#event-rows tr")).size() == 2, "two events");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("event-filter"))).selectByValue("relay");
        waitFor(() -> driver.findElements(By.cssSelector("#event-rows tr")).size() == 1, "the filter");
        assertEquals("relay", driver.findElement(By.cssSelector("#event-rows tr")).getDomAttribute("data-type"));
    }

    @Test
    void history_is_drawn_with_uplot_served_from_the_jar() throws IOException {
        java.time.Instant first = java.time.Instant.parse("2026-03-01T00:00:00Z");
        HistorySource store = (by, count) -> java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new HistorySource.Row(first.plusSeconds(3600L * i), 0.5 + (i % 5) * 0.1, 228, 230,
                        233, 1500, 60)).toList();
        String url = start(Optional.empty(), 0, Optional.of(store));
        driver.get(url + "/#history");
        waitFor(() -> driver.findElements(By.cssSelector("#chart-hour canvas")).size() == 1, "the hourly chart");
        waitFor(() -> driver.findElements(By.cssSelector("#chart-month canvas")).size() == 1, "the monthly chart");
        assertTrue(driver.findElement(By.cssSelector("#chart-day .u-legend")).getText().contains("Energy (kWh)"));
        assertTrue(text("chart-power").startsWith("collecting"), text("chart-power"));
        screenshot("web-console-history.png");
    }

    @Test
    void the_page_recovers_after_the_console_restarts() {
        String url = open("");
        int port = console.address().orElseThrow().getPort();
        console.close();
        waitFor(() -> "down".equals(linkState()), "the disconnected state");
        assertEquals("disconnected, retrying…", text("link"));
        service = new FakeDeviceService();
        service.voltage(236.6);
        assertEquals(url, start(Optional.empty(), port));
        waitFor(() -> "live".equals(linkState()), "the page to reconnect");
        waitFor(() -> text("voltage").equals("236.6 V"), "values from the new console");
        driver.findElement(By.id("relay")).click();
        waitFor(() -> service.commands.size() == 1, "a command on the new console (new session, new CSRF token)");
    }

    @Test
    void log_in_wrong_password_and_csrf_rejection() {
        String url = start(Optional.of("correct horse"), 0);
        driver.get(url + "/");
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        waitFor(() -> driver.findElement(By.id("login")).isDisplayed(), "the log-in form");
        assertFalse(driver.findElement(By.id("dashboard")).isDisplayed());
        driver.findElement(By.id("password")).sendKeys("battery staple");
        driver.findElement(By.cssSelector("#login-form button")).click();
        waitFor(() -> text("login-error").equals("wrong password"), "the wrong-password message");
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys("correct horse");
        driver.findElement(By.cssSelector("#login-form button")).click();
        waitFor(() -> "live".equals(linkState()), "the page to go live after log-in");
        assertTrue(driver.findElement(By.id("dashboard")).isDisplayed());
        assertTrue(driver.manage().getCookieNamed(Sessions.COOKIE).isHttpOnly());
        assertEquals("Strict", driver.manage().getCookieNamed(Sessions.COOKIE).getSameSite());

        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/command', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({name: 'relay', value: 'on'})}).then(r => done(r.status));""");
        assertEquals(403L, status);
        assertTrue(service.commands.isEmpty());
        driver.findElement(By.id("relay")).click();
        waitFor(() -> service.commands.size() == 1, "the page's own command (with its token)");
    }

    @Test
    void a_phone_sized_page_fits_375_px_and_the_pages_log_no_console_errors() throws IOException {
        service.trip(Fault.OVP, 262.4, 250);
        open("");
        driver.navigate().refresh();
        driver.manage().logs().get(LogType.BROWSER);
        waitFor(() -> "live".equals(linkState()), "the page to go live");
        driver.manage().window().setSize(new Dimension(375, 812));
        waitFor(() -> text("voltage").equals("230.0 V"), "readings");
        long width = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth");
        assertTrue(width <= 375, "page is " + width + " px wide at 375 px");
        screenshot("web-console-375.png");
        for (String page : List.of("glass", "settings", "events", "history", "device", "help", "dashboard")) {
            show(page);
            long w = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
            assertTrue(w <= 375, page + " is " + w + " px wide at 375 px");
        }
        show("history");
        waitFor(() -> driver.findElements(By.cssSelector("#chart-hour .empty")).size() == 1, "the empty history");
        assertEquals("No history store on this device.", driver.findElement(By.cssSelector("#chart-hour .empty"))
                .getText());
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList());
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
