package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.config.TuyaMcuConfig;
import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.io.sim.tuyamcu.InProcessTuyaMcuLink;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceService;
import io.openkws.time.VirtualClock;
import io.openkws.tuyamcu.ModuleEmulator;
import io.openkws.tuyamcu.TuyaMcuBridge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TuyaMCU bridge on the whole simulated device (issue 18): the module's commands move the real relay and
 * settings through the device service, and a real over-voltage trip reaches the module.
 *
 * <p>The device runs in its own virtual time on the test thread; the bridge runs on its threads with a clock of its
 * own that is never advanced (no periodic reports), so every report the module sees came from an event or a command.
 */
class TuyaMcuDeviceTest {

    private static final TuyaMcuConfig TUYA = new TuyaMcuConfig(Optional.of("sim"), 115200,
            TuyaMcuConfig.STOCK_PRODUCT_KEY, TuyaMcuConfig.STOCK_VERSION);

    @TempDir
    Path stateDirectory;

    private static Config config() {
        return Config.parse("test.yaml", """
                board: sim
                protection:
                  overVoltage:  { limit: 250.0, tripDelay: 0.5, hysteresis: 5.0 }
                  underVoltage: { limit: 180.0, tripDelay: 2.0, hysteresis: 5.0 }
                  recoveryDelay: 1.0
                relay:
                  powerOnState: on
                """);
    }

    /** Runs the device in 10 ms steps until the module has received a report matching {@code match}. */
    private static DataPoint runUntilReported(VirtualDevice d, ModuleEmulator module, int dp,
                                              Predicate<DataPoint> match) {
        long deadline = System.nanoTime() + ModuleEmulator.TIMEOUT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            d.run(0.01);
            for (DataPoint p : module.drainReports()) {
                if (p.id() == dp && match.test(p)) {
                    return p;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("dp" + dp + " never reported as expected");
    }

    @Test
    void the_module_switches_the_real_relay_off_and_sets_the_over_voltage_limit_in_force() throws Exception {
        try (VirtualDevice d = new VirtualDevice(config(), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed), "relay on after the recovery delay");
            DeviceService service = d.device().service();
            InProcessTuyaMcuLink[] pair = InProcessTuyaMcuLink.pair();
            try (TuyaMcuBridge bridge = TuyaMcuBridge.start(service, TUYA, new VirtualClock(), () -> pair[0]);
                 ModuleEmulator module = new ModuleEmulator(pair[1])) {
                module.handshake();

                module.sendDps(DataPoint.bool(16, false));
                runUntilReported(d, module, 16, p -> p.number().orElseThrow() == 0);
                assertFalse(d.contactsClosed(), "the simulated contacts opened");
                assertFalse(service.view().relayClosed());

                module.sendDps(DataPoint.value(110, 240));
                runUntilReported(d, module, 110, p -> p.number().orElseThrow() == 240);
                assertEquals(240.0, service.view().settings().overVoltageV());

                module.sendDps(DataPoint.value(109, 239));       // no healthy band left: refused by the engine
                assertEquals(180L, runUntilReported(d, module, 109, p -> true).number().orElseThrow());
                assertEquals(180.0, service.view().settings().underVoltageV());
                assertTrue(bridge.stats().refused() >= 1);
            }
        }
    }

    @Test
    void an_over_voltage_trip_reaches_the_module_as_dp16_false_and_the_ov_fault_bit_within_one_second()
            throws Exception {
        try (VirtualDevice d = new VirtualDevice(config(), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed));
            InProcessTuyaMcuLink[] pair = InProcessTuyaMcuLink.pair();
            try (TuyaMcuBridge bridge = TuyaMcuBridge.start(d.device().service(), TUYA, new VirtualClock(),
                    () -> pair[0]);
                 ModuleEmulator module = new ModuleEmulator(pair[1])) {
                module.handshake();
                d.mains(265.0);
                assertTrue(d.runUntil(5, () -> !d.contactsClosed()), "OVP opens the relay");
                double trippedAt = d.seconds();
                DeviceService service = d.device().service();
                assertTrue(d.runUntil(1.0, () -> !service.view().relayClosed()),
                        "the view shows the relay open (after the coil pulse) within a second");
                assertTrue(service.view().faults().contains(Fault.OVP));
                double reportedAt = d.seconds();
                List<DataPoint> seen = new ArrayList<>();
                long deadline = System.nanoTime() + ModuleEmulator.TIMEOUT_MILLIS * 1_000_000L;
                while (!(relayOff(seen) && ovBit(seen)) && System.nanoTime() < deadline) {
                    seen.addAll(module.drainReports());
                    Thread.sleep(2);
                }
                assertTrue(relayOff(seen), "dp16 false reported: " + seen);
                assertTrue(ovBit(seen), "dp10 with the OV bit reported: " + seen);
                assertEquals(reportedAt, d.seconds(), "no device time passed while the module was told");
                assertTrue(reportedAt - trippedAt <= 1.0, "within one second of the contacts opening: "
                        + (reportedAt - trippedAt) + " s");
                System.out.printf("OVP trip to module report: %.3f s of device time%n", reportedAt - trippedAt);
            }
        }
    }

    private static boolean relayOff(List<DataPoint> seen) {
        return seen.stream().anyMatch(p -> p.id() == 16 && p.number().orElseThrow() == 0);
    }

    private static boolean ovBit(List<DataPoint> seen) {
        return seen.stream().anyMatch(p -> p.id() == 10 && (p.number().orElseThrow() & 1) != 0);
    }
}
