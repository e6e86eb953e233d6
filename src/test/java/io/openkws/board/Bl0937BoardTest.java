package io.openkws.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import io.openkws.driver.bl0937.Bl0937Scales;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BL0937 boards: pulse lines instead of a UART, and the front-end file the simulator reads. */
class Bl0937BoardTest {

    @TempDir
    Path tmp;

    private static String generic() throws Exception {
        return Files.readString(Path.of("hardware/bl0937-generic/board.yaml"));
    }

    private ConfigException failing(String text) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("board.yaml"), text);
        ConfigException e = assertThrows(ConfigException.class, () -> BoardSpec.load(dir));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void the_generic_and_simulated_bl0937_boards_have_pulse_lines_and_neither_uart_nor_lcd() {
        for (String board : new String[] {"hardware/bl0937-generic", "sim-bl0937"}) {
            BoardSpec b = BoardSpec.load(board);
            assertEquals(BoardSpec.Chip.BL0937, b.meter().chip(), board);
            assertEquals(Optional.of(new BoardSpec.PulsePins(4, 5, 12, BoardSpec.Level.HIGH, BoardSpec.Pull.OFF)),
                    b.meter().pulses(), board);
            assertTrue(b.serial().isEmpty(), board);
            assertThrows(IllegalStateException.class, b::uart);
            assertFalse(b.hasLcd(), board);
        }
        assertTrue(BoardSpec.load("sim-bl0937").simulated());
    }

    @Test
    void a_uart_on_a_bl0937_board_a_missing_line_and_a_shared_pin_are_refused() throws Exception {
        assertTrue(failing(generic() + "\nuart: { device: /dev/serial0, txPin: 14, rxPin: 15 }\n").getMessage()
                .contains("uart: a BL0937 board has no UART"));
        assertTrue(failing(generic().replaceAll("(?m)^  cf1: 5 .*$", "")).getMessage().contains("meter.cf1: missing key"));
        assertTrue(failing(generic().replace("sel: 12 ", "sel: 17 ")).getMessage()
                .contains("pin 17 is already used by meter.sel"));
        assertTrue(failing(generic().replace("selVoltage: high", "selVoltage: up")).getMessage()
                .contains("meter.selVoltage"));
        assertTrue(failing(generic().replace("chip: bl0937 ", "chip: bl0937\n  baud: 4800 ")).getMessage()
                .contains("meter.baud: the BL0937 has no UART"));
    }

    @Test
    void an_inverted_sel_line_is_a_board_fact() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("inv"));
        Files.writeString(dir.resolve("board.yaml"), generic().replace("selVoltage: high", "selVoltage: low"));
        assertFalse(BoardSpec.load(dir).meter().pulsePins().selHighForVoltage());
    }

    @Test
    void the_reference_front_end_file_gives_the_scales_of_the_reference_profile() {
        Bl0937Sim.FrontEnd fe = Bl0937Sim.FrontEnd.load(BoardSpec.load("sim-bl0937").frontEndFile());
        assertEquals(0.001, fe.shuntOhms());
        assertEquals(2351.0, fe.dividerRatio(), 1e-9);
        assertEquals(10_000_000L, fe.selSettleNanos());
        assertEquals(Bl0937Scales.referenceDesign(), fe.scales());
        assertEquals(Bl0937Sim.FrontEnd.REFERENCE, fe);
    }
}
