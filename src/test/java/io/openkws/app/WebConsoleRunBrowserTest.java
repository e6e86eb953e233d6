package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.config.Config;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.export.mqtt.Mosquitto;
import io.openkws.export.mqtt.Observer;
import io.openkws.time.SystemClock;
import io.openkws.web.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against the real device, assembled as {@code run} assembles it on the
 * simulated board ({@link Device#build} on the wall clock, {@link Device#start()}, MQTT to a real mosquitto): what
 * the page shows follows the simulated mains, relay and LCD, and what the page does reaches the simulated relay.
 *
 * <p>Exists because the other browser test runs against a fake device service: only the real device shows that the
 * console, the controller, the panel, the TM1622 driver and MQTT agree with one another (the relay the page shows is
 * the one MQTT reports, an error is word for word MQTT's {@code result}, the glass is the RAM the simulated TM1622
 * decoded), and that a page survives the process behind it being replaced.
 */
@Tag("browser")
class WebConsoleRunBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_ID = "webrun";
    private static final String TOPICS = "openkws/" + DEVICE_ID + "/";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static Mosquitto broker;

    @TempDir
    Path dir;

    private int port;
    private Device device;
    private Observer mqtt;

    @BeforeAll
    static void browserAndBroker() throws IOException {
        broker = new Mosquitto(false);
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    static void quit() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void run() throws Exception {
        port = freePort();
        mqtt = new Observer(broker.url(), "web-run-" + CLIENTS.incrementAndGet(), true, TOPICS + "#");
        device = start(230.0);
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        mqtt.close();
    }

    /** Builds and starts the device as {@code run} does, on the simulated board with the mains at {@code voltageV}. */
    private Device start(double voltageV) {
        Config config = Config.parse("webrun.yaml", """
                board: sim
                state: %s
                relay: { powerOnState: off }
                mqtt: { url: %s, deviceId: %s, interval: 1.0 }
                web: { listen: "127.0.0.1:%d" }
                """.formatted(dir.resolve("state"), broker.url(), DEVICE_ID, port));
        Device d = Device.build(config, SystemClock.instance());
        d.parts().simulation().orElseThrow().chip().setVoltageV(voltageV);
        d.start();
        assertFalse(d.service().view().degraded().containsKey("web"), () -> d.service().view().degraded().toString());
        return d;
    }

    private BoardParts.Simulation sim() {
        return device.parts().simulation().orElseThrow();
    }

    private boolean contactsClosed() {
        return sim().board().relay().isClosed();
    }

    /** Opens the console at {@code hash} with a fresh session and waits for live readings. */
    private void open(String hash) {
        driver.get("http://127.0.0.1:" + port + "/" + hash);
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        waitFor(() -> "live".equals(linkState()), "the page to go live");
        waitFor(() -> !Double.isNaN(shownVoltageV()), "the first reading");
    }

    private static String linkState() {
        return driver.findElement(By.id("link")).getDomAttribute("data-state");
    }

    /** The element's text whether or not its page is shown (Selenium's getText is empty for hidden elements). */
    private static String text(String id) {
        return driver.findElement(By.id(id)).getDomProperty("textContent").strip();
    }

    /** The dashboard's voltage in volts, NaN while it shows none. */
    private static double shownVoltageV() {
        String shown = text("voltage");
        return shown.endsWith(" V") ? Double.parseDouble(shown.substring(0, shown.length() - 2)) : Double.NaN;
    }

    private static String relaySwitch() {
        return driver.findElement(By.id("relay")).getDomAttribute("aria-checked");
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage("waiting for " + what)
                .until(d -> condition.getAsBoolean());
    }

    private JsonNode awaitMqtt(String topic, String contains, String what) throws Exception {
        return JSON.readTree(mqtt.await(r -> r.topic().equals(TOPICS + topic) && r.payload().contains(contains), what)
                .payload());
    }

    @Test
    void the_dashboard_shows_live_values_that_follow_the_simulated_mains() throws Exception {
        open("");
        waitFor(() -> Math.abs(shownVoltageV() - 230.0) < 1.0, "about 230 V");
        assertFalse(text("frequency").startsWith("–"), text("frequency"));
        assertFalse(text("energyToday").startsWith("–"), text("energyToday"));

        sim().chip().setVoltageV(241.7);
        waitFor(() -> Math.abs(shownVoltageV() - 241.7) < 1.0, "the new mains voltage on the dashboard");
        mqtt.drain(0);
        double overMqtt = awaitMqtt("state", "\"voltage\"", "a state").get("voltage").asDouble();
        assertEquals(241.7, overMqtt, 1.0, "MQTT state's voltage");

        sim().chip().setVoltageV(212.3);
        waitFor(() -> Math.abs(shownVoltageV() - 212.3) < 1.0, "the mains voltage falling on the dashboard");
    }

    @Test
    void the_relay_control_switches_the_simulated_relay_and_mqtt_state_agrees() throws Exception {
        open("");
        assertFalse(contactsClosed());
        assertEquals("false", relaySwitch());
        WebElement relay = driver.findElement(By.id("relay"));

        relay.click();
        waitFor(this::contactsClosed, "the simulated relay to close");
        waitFor(() -> "true".equals(relaySwitch()), "the switch to show on");
        awaitMqtt("state", "\"relay\":\"on\"", "MQTT state with the relay on");
        assertEquals("", text("relay-error"));

        mqtt.drain(0);
        relay.click();
        waitFor(() -> !contactsClosed(), "the simulated relay to open");
        waitFor(() -> "false".equals(relaySwitch()), "the switch to show off");
        awaitMqtt("state", "\"relay\":\"off\"", "MQTT state with the relay off");
    }

    @Test
    void a_refused_on_is_shown_with_the_reason_mqtt_gives() throws Exception {
        open("");
        sim().chip().setVoltageV(150.0);
        waitFor(() -> Math.abs(shownVoltageV() - 150.0) < 1.0, "150 V on the dashboard");

        driver.findElement(By.id("relay")).click();
        waitFor(() -> !text("relay-error").isEmpty(), "the refusal");
        mqtt.publish(TOPICS + "set/relay", "ON");
        JsonNode result = awaitMqtt("result", "\"command\":\"relay\"", "MQTT's answer to ON");
        assertFalse(result.get("ok").asBoolean(), result.toString());
        assertEquals("voltage unhealthy", result.get("error").asText());
        assertEquals("Relay ON refused: " + result.get("error").asText(), text("relay-error"));
        assertEquals("false", relaySwitch());
        assertFalse(contactsClosed());
    }

    @Test
    void an_out_of_range_setting_shows_mqtts_error_and_changes_nothing() throws Exception {
        open("#settings");
        WebElement input = driver.findElement(By.id("set-overVoltage"));
        waitFor(() -> "250".equals(input.getDomProperty("value")), "the setting's value");

        mqtt.publish(TOPICS + "set/overVoltage", "401");
        JsonNode result = awaitMqtt("result", "\"command\":\"overVoltage\"", "MQTT's answer to 401");
        assertFalse(result.get("ok").asBoolean(), result.toString());

        input.clear();
        input.sendKeys("401");
        driver.findElement(By.cssSelector("button[aria-label='Save overVoltage']")).click();
        waitFor(() -> !text("err-overVoltage").isEmpty(), "the error");
        assertEquals(result.get("error").asText(), text("err-overVoltage"));
        assertEquals("overVoltage: 401.0 is out of range (0 to 400 V)", text("err-overVoltage"));
        assertEquals(250.0, device.service().view().settings().overVoltageV());
        mqtt.drain(0);
        JsonNode state = awaitMqtt("state", "\"settings\"", "a state after the refusal");
        assertEquals(250.0, state.get("settings").get("overVoltage").asDouble());
    }

    @Test
    void the_glass_is_the_ram_the_simulated_tm1622_decoded() {
        open("#glass");
        waitFor(() -> !driver.findElements(By.cssSelector("#lcd svg")).isEmpty(), "the glass");
        AtomicReference<List<?>> shown = new AtomicReference<>();
        AtomicReference<String> decoded = new AtomicReference<>();
        waitFor(() -> {
            shown.set((List<?>) ((JavascriptExecutor) driver).executeScript("""
                    const lcd = document.getElementById('lcd');
                    return [lcd.dataset.ram, Array.from(lcd.querySelectorAll('svg [fill="#1b1b1b"]'))
                      .map(e => e.tagName === 'text' ? 'icon.' + e.textContent : e.getAttribute('class'))];"""));
            decoded.set(sim().lcd().ram().hex());
            return decoded.get().equals(shown.get().get(0));
        }, "the page's RAM to be the simulated TM1622's");
        assertTrue(sim().lcd().lcdOn(), "the simulated glass is on");
        Set<String> lit = device.segments().litSegments(RamImage.parseHex(decoded.get()));
        assertTrue(lit.size() > 5, "lit segments " + lit);
        assertEquals(lit, new HashSet<>((List<?>) shown.get().get(1)), "segments lit in the page's SVG");
    }

    @Test
    void a_click_on_the_virtual_power_button_toggles_the_relay() throws IOException {
        open("#glass");
        assertFalse(contactsClosed());
        WebElement power = driver.findElement(By.cssSelector(".key[data-button=power]"));
        power.click();
        waitFor(this::contactsClosed, "the simulated relay to close");
        waitFor(() -> "true".equals(relaySwitch()), "the page to show the relay on");
        chromium.screenshot("web-console-run-glass.png");
        power.click();
        waitFor(() -> !contactsClosed(), "the simulated relay to open");
        waitFor(() -> "false".equals(relaySwitch()), "the page to show the relay off");
    }

    @Test
    void the_page_recovers_by_itself_when_a_new_device_starts_on_the_same_port() {
        open("");
        device.close();
        device = null;
        waitFor(() -> "down".equals(linkState()), "the disconnected state");
        assertEquals("disconnected, retrying…", text("link"));

        device = start(236.6);
        waitFor(() -> "live".equals(linkState()), "the page to reconnect");
        waitFor(() -> Math.abs(shownVoltageV() - 236.6) < 1.0, "readings of the new device");
        driver.findElement(By.id("relay")).click();
        waitFor(this::contactsClosed, "the new device's relay to close (new session, new CSRF token)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
