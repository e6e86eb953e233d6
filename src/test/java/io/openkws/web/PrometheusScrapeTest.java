package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.config.WebConfig;
import io.openkws.testing.PrometheusServer;
import io.openkws.time.SystemClock;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes the console's {@code /metrics} with HTTP basic auth, and
 * PromQL through its HTTP API returns the voltage and the energy counter the device service holds.
 *
 * <p>Fails, never skips, when the program is missing.
 */
class PrometheusScrapeTest {

    @Test
    void prometheus_scrapes_the_voltage_and_the_energy_counter(@TempDir Path dir) throws Exception {
        FakeDeviceService service = new FakeDeviceService();
        service.energy(1.5);
        try (WebConsole console = WebConsole.start(service, new WebConfig(Optional.of(
                new WebConfig.Listen("127.0.0.1", 0)), Optional.of("scrape-me"), Optional.empty(), Optional.empty(),
                Optional.empty()), Optional.empty(), SystemClock.instance())) {
            int target = console.address().orElseThrow().getPort();
            try (PrometheusServer prom = PrometheusServer.scraping(target, "scrape-me", dir)) {
                assertEquals(230.0, prom.query("openkws_voltage_volts", 30), 1e-9);
                assertEquals(1.5 * 3.6e6, prom.query("openkws_energy_joules_total", 30), 1e-3);
                assertEquals(1.0, prom.query("up{job=\"openkws\"}", 30));
            }
        }
    }
}
