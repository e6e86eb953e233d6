package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import io.openkws.testing.PrometheusServer;
import io.openkws.testing.RunProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, started by the test on a loopback port) scrapes a running
 * {@code openkws run} (simulated board, real mosquitto, web console with a password): PromQL returns the voltage,
 * and the energy counter in joules is the same total MQTT {@code state} publishes in kWh.
 */
class RunPrometheusProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prometheus_scraping_run_sees_the_voltage_and_the_same_energy_as_mqtt(@TempDir Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        new StateStore(state).save(new PersistedState(12.345, 1.0, 2.0, LocalDate.now(), 3600, true, Map.of()));
        int web = Mosquitto.freePort();
        try (Mosquitto broker = new Mosquitto(false)) {
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, """
                    board: sim
                    relay: { powerOnState: on }
                    protection: { recoveryDelay: 1.0 }
                    mqtt: { url: %s, deviceId: prom1, interval: 1.0 }
                    web: { listen: "127.0.0.1:%d", password: scrape-me }
                    state: %s
                    """.formatted(broker.url(), web, state));
            try (Observer ha = new Observer(broker.url(), "prom-observer", true, "openkws/prom1/state")) {
                Process app = RunProcess.start(config, dir);
                try {
                    JsonNode mqtt = JSON.readTree(ha.await(r -> r.payload().contains("\"voltage\":2"),
                            "a state with a reading").payload());
                    double energyKWh = mqtt.get("energy").asDouble();
                    assertEquals(12.345, energyKWh, 1e-9, "MQTT publishes the saved total");
                    try (PrometheusServer prom = PrometheusServer.scraping(web, "scrape-me", dir)) {
                        double voltage = prom.query("openkws_voltage_volts", 40);
                        assertTrue(voltage > 225 && voltage < 235, "voltage " + voltage);
                        double joules = prom.query("openkws_energy_joules_total", 40);
                        JsonNode latest = JSON.readTree(ha.await(r -> true, "a later state").payload());
                        assertEquals(latest.get("energy").asDouble() * 3.6e6, joules, 1e-3,
                                "the energy counter is MQTT's energy in joules");
                    }
                    assertTrue(app.isAlive(), "run stays up");
                } finally {
                    app.destroy();
                    app.waitFor(20, TimeUnit.SECONDS);
                    app.destroyForcibly();
                }
            }
        }
    }
}
