package io.openkws.tuyamcu;

import static io.openkws.tuyamcu.ModuleEmulator.bytes;
import static io.openkws.tuyamcu.ModuleEmulator.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.TuyaMcuConfig;
import io.openkws.decode.CaptureChunk;
import io.openkws.decode.CaptureText;
import io.openkws.decode.Captures;
import io.openkws.decode.Direction;
import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.TuyaMcuFrameDecoder;
import io.openkws.driver.tuyamcu.TuyaMcuFrames;
import io.openkws.io.sim.tuyamcu.InProcessTuyaMcuLink;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceCommand;
import io.openkws.service.NetworkIndicator;
import io.openkws.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a fake device service and a module emulator on an in-process link (issue 18): the captured
 * handshake byte for byte, the data points and their scales, commands confirmed with the value in force, a trip
 * reported on its event, corruption and garbage on the line, a missing port and a silent module.
 */
class TuyaMcuBridgeTest {

    private static final TuyaMcuConfig STOCK = new TuyaMcuConfig(Optional.of("/dev/ttyAMA1"), 115200,
            TuyaMcuConfig.STOCK_PRODUCT_KEY, TuyaMcuConfig.STOCK_VERSION);

    private final FakeDeviceService service = new FakeDeviceService();
    private final VirtualClock clock = new VirtualClock();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private ModuleEmulator startBridge() {
        InProcessTuyaMcuLink[] pair = InProcessTuyaMcuLink.pair();
        TuyaMcuBridge bridge = TuyaMcuBridge.start(service, STOCK, clock, () -> pair[0]);
        ModuleEmulator module = new ModuleEmulator(pair[1]);
        open.add(bridge);
        open.add(module);
        bridgeOf = bridge;
        return module;
    }

    private TuyaMcuBridge bridgeOf;

    private static void handshake(ModuleEmulator module) {
        module.handshake();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ModuleEmulator.TIMEOUT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void the_captured_boot_handshake_gets_the_captured_mcu_answers_byte_for_byte_then_one_report_per_data_point()
            throws Exception {
        ModuleEmulator module = startBridge();
        List<CaptureChunk> capture = CaptureText.read(Captures.path("kws302wf-tuyamcu.txt"));
        int compared = 0;
        for (CaptureChunk chunk : capture) {
            if (chunk.direction() == Direction.WIFI) {
                module.sendRaw(chunk.bytes());
                if (chunk.bytes()[3] == 0x08) {
                    break;
                }
            } else {
                assertEquals(hex(chunk.bytes()), hex(bytes(module.next())), "capture line " + chunk.line());
                compared++;
            }
        }
        assertEquals(5, compared, "heartbeat 00, product information, working mode, network status, heartbeat 01");

        Map<Integer, Long> reported = new LinkedHashMap<>();
        for (int i = 0; i < Kws302wfDps.ALL.size(); i++) {
            TuyaMcuFrameDecoder.Frame f = module.next();
            assertEquals(0x07, f.command());
            assertEquals(TuyaMcuFrames.MCU_VERSION, f.version());
            List<DataPoint> dps = DataPoint.parse(f.data()).dps();
            assertEquals(1, dps.size(), "one state frame per data point");
            assertEquals(Kws302wfDps.type(dps.getFirst().id()), dps.getFirst().type());
            reported.put(dps.getFirst().id(), dps.getFirst().number().orElseThrow());
        }
        Map<Integer, Long> expected = new LinkedHashMap<>();
        expected.put(16, 1L);          // relay closed
        expected.put(101, 2305L);      // 230.5 V in 0.1 V
        expected.put(102, 3620L);      // 3.62 A in mA
        expected.put(103, 6284L);      // 628.4 W in 0.1 W
        expected.put(104, 121L);       // 7260 s in minutes
        expected.put(105, 12345L);     // 12.345 kWh in Wh
        expected.put(106, 76L);        // PF 0.76 in %
        expected.put(107, 50L);        // Hz
        expected.put(109, 180L);       // UVP V
        expected.put(110, 250L);       // OVP V
        expected.put(111, 0L);         // OCP off
        expected.put(112, 0L);         // auto-off off
        expected.put(114, 0L);         // OPP off
        expected.put(117, 2L);         // power-on state memory
        expected.put(118, 0L);
        expected.put(119, 5L);         // screen timeout min
        expected.put(120, 0L);
        expected.put(121, 0L);         // no countdown running
        expected.put(10, 0L);          // no fault
        assertEquals(expected, reported);

        // The rest of the capture: network status changes are acknowledged and shown; the firmware offer declined.
        module.send(0x03, new byte[] {3});
        assertEquals("55 AA 03 03 00 00 05", hex(bytes(module.next())));
        module.send(0x03, new byte[] {4});
        assertEquals("55 AA 03 03 00 00 05", hex(bytes(module.next())));
        await("the wifi icon on", () -> service.network().equals(List.of(NetworkIndicator.OFF,
                NetworkIndicator.OFF, NetworkIndicator.ON)));
        module.sendRaw(CaptureText.parse("ota", "55 AA 00 0A 00 04 00 00 2F 0C 48").getFirst().bytes());
        module.send(0x00, new byte[0]);
        assertEquals("55 AA 03 00 00 01 01 04", hex(bytes(module.next())), "no answer to the firmware offer");
        assertEquals(1, bridgeOf.stats().otaDeclined());
    }

    @Test
    void dp16_false_from_the_module_opens_the_relay_and_is_confirmed() throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        module.sendDps(DataPoint.bool(16, false));
        DataPoint confirmed = module.untilReport(16, dp -> true);
        assertEquals(0L, confirmed.number().orElseThrow());
        assertEquals(List.of(new DeviceCommand.Relay(false)), service.executed());
        assertFalse(service.relayClosed());
    }

    @Test
    void dp110_240_sets_the_over_voltage_limit() throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        module.sendDps(DataPoint.value(110, 240));
        assertEquals(240L, module.untilReport(110, dp -> true).number().orElseThrow());
        assertEquals(240.0, service.settings().overVoltageV());
        assertEquals(List.of(new DeviceCommand.ChangeSetting("overVoltage", 240)), service.executed());
    }

    @Test
    void out_of_range_values_are_clamped_or_refused_and_reported_back_as_the_value_in_force() throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        module.sendDps(DataPoint.value(111, 250_000));       // 250 A: openkws stops at 100 A
        assertEquals(100_000L, module.untilReport(111, dp -> true).number().orElseThrow());
        assertEquals(100.0, service.settings().overCurrentA());

        module.sendDps(DataPoint.value(109, 300));           // UVP above OVP: the device refuses it
        assertEquals(180L, module.untilReport(109, dp -> true).number().orElseThrow());
        assertEquals(180.0, service.settings().underVoltageV());

        module.sendDps(DataPoint.enumeration(117, 7));       // not a power-on state
        assertEquals(2L, module.untilReport(117, dp -> true).number().orElseThrow());

        module.sendDps(DataPoint.value(101, 1));             // voltage is read-only
        assertEquals(2305L, module.untilReport(101, dp -> true).number().orElseThrow());
        assertEquals(List.of(new DeviceCommand.ChangeSetting("overCurrent", 100),
                new DeviceCommand.ChangeSetting("underVoltage", 300)), service.executed());
    }

    @Test
    void an_over_voltage_trip_reaches_the_module_as_dp16_false_and_the_fault_bitmap_without_waiting_for_a_period()
            throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        long before = System.nanoTime();
        service.trip(Fault.OVP);
        boolean relayOff = false;
        long faultBits = -1;
        while (!relayOff || faultBits < 0) {
            TuyaMcuFrameDecoder.Frame f = module.next();
            for (DataPoint dp : DataPoint.parse(f.data()).dps()) {
                relayOff |= dp.id() == 16 && dp.number().orElseThrow() == 0;
                faultBits = dp.id() == 10 ? dp.number().orElseThrow() : faultBits;
            }
        }
        System.out.printf("trip reached the module after %.1f ms (virtual clock not advanced)%n",
                (System.nanoTime() - before) / 1e6);
        assertEquals(Kws302wfDps.BIT_OV, faultBits);
        assertEquals(0, clock.nanoTime(), "sent on the event, not by the periodic report");
    }

    @Test
    void readings_are_reported_periodically_when_they_change_and_all_data_points_every_full_period()
            throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        clock.advanceTo(TuyaMcuBridge.REPORT_PERIOD_NANOS);
        Thread.sleep(100);
        assertTrue(module.drain().isEmpty(), "nothing changed, nothing sent");
        service.setVoltage(231.0);
        clock.advanceTo(2 * TuyaMcuBridge.REPORT_PERIOD_NANOS);
        assertEquals(2310L, module.untilReport(101, dp -> true).number().orElseThrow(),
                "a reading changes without an event; the period reports it");
        Thread.sleep(100);
        assertTrue(module.drain().isEmpty(), "only what changed");
        clock.advanceTo(TuyaMcuBridge.SILENCE_NANOS - TuyaMcuBridge.REPORT_PERIOD_NANOS);
        module.send(0x00, new byte[0]);
        module.next();                                      // the module's heartbeat keeps it from counting as silent
        clock.advanceTo(TuyaMcuBridge.REPORT_PERIOD_NANOS * TuyaMcuBridge.FULL_REPORT_PERIODS);
        List<TuyaMcuFrameDecoder.Frame> all = module.until(f -> DataPoint.parse(f.data()).dps().getFirst().id() == 10);
        assertEquals(Kws302wfDps.ALL.size(), all.size());
    }

    @Test
    void ten_percent_corrupted_frames_and_garbage_between_frames_apply_every_valid_command_exactly_once()
            throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        Random random = new Random(18);
        List<Double> expected = new ArrayList<>();
        int corrupted = 0;
        for (int minutes = 1; minutes <= 400; minutes++) {
            byte[] frame = TuyaMcuFrames.encode(0, 0x06, DataPoint.encode(List.of(DataPoint.value(119, minutes))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] garbage = new byte[random.nextInt(12)];
            random.nextBytes(garbage);
            out.writeBytes(garbage);
            if (random.nextInt(10) == 0) {
                corrupted++;
                switch (random.nextInt(3)) {
                    case 0 -> frame[6 + random.nextInt(frame.length - 6)] ^= (byte) (1 + random.nextInt(255));
                    case 1 -> frame = java.util.Arrays.copyOf(frame, 3 + random.nextInt(frame.length - 4));
                    default -> frame[5] = (byte) (frame[5] + 1 + random.nextInt(40));
                }
            } else {
                expected.add((double) minutes);
            }
            out.writeBytes(frame);
            module.sendRaw(out.toByteArray());
        }
        module.sendDps(DataPoint.bool(16, false));
        module.untilReport(16, dp -> dp.number().orElseThrow() == 0);
        List<Double> applied = service.executed().stream()
                .filter(c -> c instanceof DeviceCommand.ChangeSetting s && s.name().equals("screenTimeout"))
                .map(c -> ((DeviceCommand.ChangeSetting) c).value()).toList();
        assertEquals(expected, applied);
        assertTrue(corrupted >= 25, "about one frame in ten corrupted: " + corrupted);
        TuyaMcuBridge.Stats stats = bridgeOf.stats();
        assertTrue(stats.skippedBytes() > 0, stats.toString());
        assertEquals(0, stats.dropped());
    }

    @Test
    void a_missing_port_is_reported_once_in_health_and_retried_until_it_opens() throws Exception {
        InProcessTuyaMcuLink[] pair = InProcessTuyaMcuLink.pair();
        AtomicInteger attempts = new AtomicInteger();
        TuyaMcuBridge bridge = TuyaMcuBridge.start(service, STOCK, clock, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new UncheckedIOException(new IOException("/dev/ttyAMA1: no such serial port"));
            }
            return pair[0];
        });
        open.add(bridge);
        await("the first attempt", () -> attempts.get() == 1);
        await("the health entry", () -> service.health("tuyamcu").isPresent());
        assertTrue(service.health("tuyamcu").orElseThrow().startsWith("/dev/ttyAMA1: no such serial port"));
        assertEquals(1, attempts.get(), "no retry before its time");
        await("the port open after retries", () -> {
            clock.advanceTo(clock.nanoTime() + TuyaMcuBridge.RETRY_NANOS);
            return service.health("tuyamcu").isEmpty();
        });
        assertEquals(3, attempts.get());
        ModuleEmulator module = new ModuleEmulator(pair[1]);
        open.add(module);
        module.send(0x00, new byte[0]);
        assertEquals("55 AA 03 00 00 01 00 03", hex(bytes(module.next())));
    }

    @Test
    void a_silent_module_is_reported_and_stops_the_reports_until_it_queries_again() throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        clock.advanceTo(TuyaMcuBridge.SILENCE_NANOS + TuyaMcuBridge.REPORT_PERIOD_NANOS);
        await("the silence in health", () -> service.health("tuyamcu").isPresent());
        assertEquals(1, bridgeOf.stats().silences());
        module.drain();
        service.trip(Fault.UVP);
        Thread.sleep(100);
        assertTrue(module.drain().isEmpty(), "no unsolicited reports to a module that stopped talking");
        module.send(0x00, new byte[0]);
        assertEquals("55 AA 03 00 00 01 01 04", hex(bytes(module.next())));
        await("health cleared", () -> service.health("tuyamcu").isEmpty());
    }

    @Test
    void a_bridge_without_a_port_does_nothing() {
        TuyaMcuBridge bridge = TuyaMcuBridge.start(service, TuyaMcuConfig.OFF, clock, () -> {
            throw new AssertionError("no port configured, nothing to open");
        });
        assertFalse(bridge.running());
        assertEquals(0, service.subscribers());
        bridge.close();
    }

    @Test
    void closing_the_bridge_unsubscribes_and_turns_the_wifi_icon_off() throws Exception {
        ModuleEmulator module = startBridge();
        handshake(module);
        assertEquals(1, service.subscribers());
        bridgeOf.close();
        assertEquals(0, service.subscribers());
        assertEquals(NetworkIndicator.OFF, service.network().getLast());
    }

}
