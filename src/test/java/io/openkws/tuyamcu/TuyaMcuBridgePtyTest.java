package io.openkws.tuyamcu;

import static io.openkws.tuyamcu.ModuleEmulator.bytes;
import static io.openkws.tuyamcu.ModuleEmulator.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.TuyaMcuConfig;
import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.TuyaMcuLink;
import io.openkws.io.serial.SerialTuyaMcuLink;
import io.openkws.io.sim.ht7017.Pty;
import io.openkws.service.DeviceCommand;
import io.openkws.time.SystemClock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bridge on a real tty path through jSerialComm, the module emulator on the pseudo-terminal's master side. */
class TuyaMcuBridgePtyTest {

    /** The master side of a {@link Pty} as the module's end of the wire. */
    private record PtyModuleLink(Pty pty) implements TuyaMcuLink {
        @Override
        public void write(byte[] bytes) {
            for (int i = 0; i < bytes.length; i += 256) {
                byte[] piece = Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 256));
                pty.write(piece, piece.length);
            }
        }

        @Override
        public int read(byte[] buffer, int timeoutMillis) {
            return pty.poll(timeoutMillis) != 0 ? Math.max(0, pty.read(buffer)) : 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void the_bridge_answers_the_handshake_and_applies_a_command_over_a_pty_through_jserialcomm() throws Exception {
        FakeDeviceService service = new FakeDeviceService();
        try (Pty pty = Pty.open()) {
            TuyaMcuConfig config = new TuyaMcuConfig(Optional.of(pty.path()), 115200,
                    TuyaMcuConfig.STOCK_PRODUCT_KEY, TuyaMcuConfig.STOCK_VERSION);
            try (TuyaMcuBridge bridge = TuyaMcuBridge.start(service, config, SystemClock.instance(),
                    () -> SerialTuyaMcuLink.open(pty.path(), config.baud()));
                 ModuleEmulator module = new ModuleEmulator(new PtyModuleLink(pty))) {
                module.send(0x00, new byte[0]);
                assertEquals("55 AA 03 00 00 01 00 03", hex(bytes(module.next())));
                module.send(0x01, new byte[0]);
                String info = new String(module.next().data(), java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals("{\"p\":\"tadm13agjigbdtxd\",\"v\":\"0.2.1\",\"m\":2}", info);
                module.sendDps(DataPoint.value(110, 240));
                assertEquals(240L, module.untilReport(110, dp -> true).number().orElseThrow());
                assertEquals(List.of(new DeviceCommand.ChangeSetting("overVoltage", 240)), service.executed());
                assertTrue(bridge.stats().frames() >= 3);
            }
        }
    }
}
