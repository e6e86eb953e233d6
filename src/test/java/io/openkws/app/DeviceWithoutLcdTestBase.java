package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.button.Button;
import io.openkws.io.sim.board.SimButton;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device as {@code run} assembles it on a simulated board without an LCD, in virtual time: readings reach the
 * controller, protection trips on them, the buttons still drive the relay, and the simulated glass the terminal
 * draws shows the panel's menu model.
 *
 * <p>Exists so every such board (one subclass a board) runs the same scenario; a subclass names the board and
 * checks the first reading with its chip's accuracy.
 */
abstract class DeviceWithoutLcdTestBase {

    @TempDir
    Path state;

    private final VirtualClock clock = new VirtualClock();
    private final List<Event> events = new ArrayList<>();

    /** The board file's name, e.g. {@code sim-bl0942}. */
    abstract String boardName();

    abstract BoardSpec.Chip chip();

    /** Checks the settled reading at 230 V, 3 A, power factor 1 with the chip's accuracy. */
    abstract void checkReading(Controller.Status status);

    private void run(Device device, double seconds) {
        long end = clock.nanoTime() + Clock.secondsToNanos(seconds);
        while (clock.nanoTime() - end < 0) {
            device.step();
        }
    }

    @Test
    void the_controller_runs_on_the_simulated_board_without_an_lcd() {
        BoardSpec board = BoardSpec.load(boardName());
        assertEquals(chip(), board.meter().chip());
        assertFalse(board.hasLcd());
        BoardParts parts = BoardParts.simulated(board, clock, ChipSetup.load(board),
                board.simulation().orElseThrow().chipUpdatePeriodNanos(), 9);
        BoardParts.Simulation sim = parts.simulation().orElseThrow();
        sim.mains().setVoltageV(230);
        sim.mains().setCurrentA(3);
        sim.mains().setPowerFactor(1);
        sim.mains().setFrequencyHz(50);
        Config parsed = Config.parse("device.yaml", "board: " + boardName() + "\nrelay:\n  powerOnState: on\n");
        Config config = new Config(parsed.board(), parsed.protection(), parsed.powerOnState(), parsed.mqtt(), state,
                parsed.watchdog(), parsed.display());
        Device device = Device.assemble(config, clock, parts, () -> LocalDate.of(2026, 3, 1));
        device.addEventListener(events::add);
        device.controller().start();
        clock.schedule(Device.PANEL_PERIOD_NANOS, new Runnable() {
            @Override
            public void run() {
                device.panelPass(clock.nanoTime());
                clock.schedule(Device.PANEL_PERIOD_NANOS, this);
            }
        });
        run(device, 40);
        checkReading(device.controller().status());
        assertTrue(sim.board().relay().isClosed(), "power-on closed the relay");
        assertFalse(device.segments().litSegments(sim.lcd().visible()).isEmpty(),
                "the simulated glass the terminal draws shows the menu model");

        sim.mains().setVoltageV(262);
        run(device, 3);
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.Trip t && t.fault() == Fault.OVP), events::toString);
        assertFalse(sim.board().relay().isClosed(), "OVP opened the contacts");

        sim.mains().setVoltageV(230);
        run(device, 40);
        assertTrue(sim.board().relay().isClosed(), "restored after the recovery delay");
        SimButton power = sim.board().button(Button.POWER);
        power.press();
        run(device, 0.2);
        power.release();
        run(device, 2);
        assertFalse(sim.board().relay().isClosed(), "the power button opens the relay on a board without an LCD");
        device.close();
    }
}
