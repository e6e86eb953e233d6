package io.openkws.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.app.Controller;
import io.openkws.app.DeviceState;
import io.openkws.meter.Reading;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionSettings;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import io.openkws.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory that cannot be written, with the real controller in virtual time and {@link DeviceState}
 * asked to save every few seconds (as trips and relay changes do on a device). The tests run as root, for whom
 * file permissions do not stop a write, so the directory is made unwritable the way root cannot get around: its
 * parent is a regular file (ENOTDIR on every create). A full file system cannot be made without privileges
 * here; it reaches the same code path (an {@link java.io.IOException} from the save).
 */
class StateDirectoryFaultsTest {

    private static final Pattern WARNING = Pattern.compile("cannot save state in ");
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    @Test
    void an_unwritable_state_directory_warns_once_a_minute_and_protection_continues(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-directory"), "a regular file");
        Path stateDir = blocker.resolve("state");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        DeviceState state;
        VirtualRig rig;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DeviceState[] holder = new DeviceState[1];
            rig = new VirtualRig(ProtectionSettings.DEFAULTS, 5.0, new Controller.Hooks() {
                @Override
                public void reading(Reading reading) {
                    holder[0].meterEnergy(reading.energyKWh());
                }

                @Override
                public void cycleEnded(long nowNanos, boolean healthy) {
                    holder[0].maybeSave(nowNanos);
                }
            });
            state = new DeviceState(Optional.of(new StateStore(stateDir)), PersistedState.fresh(DAY), () -> DAY,
                    rig.clock.nanoTime());
            holder[0] = state;
            for (int s = 5; s <= 50; s += 5) {
                rig.clock.schedule(Clock.secondsToNanos(s), state::forceSave);
            }
            rig.runUntil(45);
            rig.chip.setVoltageV(262);
            rig.runUntil(55);
            state.saveNow();
        } finally {
            System.setErr(originalErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        Matcher m = WARNING.matcher(log);
        int warnings = 0;
        while (m.find()) {
            warnings++;
        }
        assertEquals(2, warnings, "one warning for the ten failed saves of the first minute, one for the failed"
                + " shutdown save:\n" + log);
        assertTrue(log.contains("protection continues"), log);
        assertTrue(state.saveFailing());
        assertFalse(Files.exists(stateDir));
        assertEquals(1, rig.trips().size(), "the over-voltage still tripped: " + rig.events);
        assertEquals(Fault.OVP, rig.trips().get(0).fault());
        assertFalse(rig.controller.status().relayClosed(), "the relay opened");
        assertTrue(state.snapshot().energyKWh() > 0, "the totals are kept in memory");
    }

    @Test
    void saving_resumes_when_the_state_directory_becomes_writable_again(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-directory"), "a regular file");
        Path stateDir = blocker.resolve("state");
        DeviceState state = new DeviceState(Optional.of(new StateStore(stateDir)), PersistedState.fresh(DAY)
                .withRelayOn(true), () -> DAY, 0);
        state.forceSave();
        state.maybeSave(1);
        awaitFailing(state, true);
        Files.delete(blocker);
        state.forceSave();
        state.maybeSave(2);
        awaitFailing(state, false);
        state.saveNow();
        assertTrue(new StateStore(stateDir).load(DAY).state().relayOn(), "the state was written once writable");
    }

    private static void awaitFailing(DeviceState state, boolean failing) throws InterruptedException {
        for (int i = 0; i < 500 && state.saveFailing() != failing; i++) {
            Thread.sleep(10);
        }
        assertEquals(failing, state.saveFailing());
    }
}
