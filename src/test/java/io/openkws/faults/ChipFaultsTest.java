package io.openkws.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.sim.ht7017.Faults;
import io.openkws.meter.Reading;
import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HT7017 itself misbehaving, through the real controller in virtual time: a chip that resets itself
 * (brown-out, ESD) and a chip that stops answering and comes back.
 */
class ChipFaultsTest {

    private static final ProtectionSettings SETTINGS = ProtectionSettings.DEFAULTS;

    /**
     * The reset is seen at the next EnergyP read (the counter went backwards). With the default profile, whose
     * calibration registers keep their reset values, SUMChecksum cannot see a reset; a reset before the first
     * energy pulse is only found by the stall check (EnergyP still while power flows), after 8 pulses' worth of
     * energy — meanwhile protection keeps working, because the measurement registers need no configuration.
     */
    @Test
    void a_chip_that_resets_itself_is_detected_reinitialised_and_still_protects() {
        VirtualRig rig = new VirtualRig(SETTINGS, 10.0);
        rig.runUntil(100);
        assertTrue(rig.controller.status().relayClosed(), "closed after the recovery delay");
        assertTrue(rig.chip.peek(0x0D) > 0, "EnergyP has counted before the reset");
        assertEquals(0, rig.driver.reinits());
        long resetsBefore = rig.chip.resets();

        rig.chip.resetNow();
        rig.runUntil(101);
        assertEquals(1, rig.driver.reinits(), "the reset was detected within a second and the chip re-initialised");
        assertEquals(resetsBefore + 2, rig.chip.resets(), "the spontaneous reset, then the driver's soft reset");
        assertTrue(rig.chip.energyEnabled(), "energy metering is enabled again (ADCCON rewritten)");
        double energyAtDetection = rig.readings.getLast().energyKWh();
        rig.runUntil(110);
        assertTrue(rig.readings.getLast().energyKWh() > energyAtDetection, "energy counts on");
        for (Reading r : rig.readingsFrom(100.5)) {
            assertEquals(230.0, r.voltageV(), 0.5);
            assertEquals(10.0, r.currentA(), 0.1);
        }
        assertTrue(rig.trips().isEmpty(), "no trip from the reset: " + rig.trips());
        assertTrue(rig.controller.status().relayClosed());

        rig.chip.setVoltageV(262);
        rig.runUntil(112);
        List<Event.Trip> trips = rig.trips();
        assertEquals(1, trips.size(), "over-voltage after the reset trips: " + rig.events);
        assertEquals(Fault.OVP, trips.get(0).fault());
        assertEquals(110 + SETTINGS.overVoltageDelaySeconds(), trips.get(0).tNanos() / 1e9, 0.2);
        assertFalse(rig.controller.status().relayClosed(), "the relay opened");
    }

    @Test
    void a_silent_chip_trips_meter_lost_opens_the_relay_and_the_relay_recovers_when_it_answers_again() {
        VirtualRig rig = new VirtualRig(SETTINGS, 3.0);
        rig.runUntil(40);
        assertTrue(rig.controller.status().relayClosed());

        rig.chip.setFaults(new Faults(0, 1.0, 0, 0, 0));
        rig.runUntil(60);
        List<Event.Trip> trips = rig.trips();
        assertEquals(1, trips.size(), "one trip: " + rig.events);
        assertEquals(Fault.METER_LOST, trips.get(0).fault());
        double tripAt = trips.get(0).tNanos() / 1e9;
        assertEquals(40 + SETTINGS.meterTimeoutSeconds(), tripAt, 0.5, "METER_LOST after meterTimeout");
        Event.Relay open = rig.relayEvents().get(2);
        assertFalse(open.on());
        assertEquals(Cause.TRIP, open.cause());
        assertEquals(tripAt, open.tNanos() / 1e9, 0.001, "the relay opened at the trip");
        assertFalse(rig.controller.status().relayClosed());
        assertFalse(rig.parts.simulation().orElseThrow().board().relay().isClosed(), "the contacts are open");

        rig.chip.setFaults(Faults.NONE);
        rig.runUntil(60 + SETTINGS.recoveryDelaySeconds() - 2);
        assertFalse(rig.controller.status().relayClosed(), "still open during the recovery delay");
        rig.runUntil(60 + SETTINGS.recoveryDelaySeconds() + 3);
        List<Event.Relay> relay = rig.relayEvents();
        assertEquals(4, relay.size(), "startup, power-on, trip, restore: " + relay);
        Event.Relay restore = relay.get(3);
        assertTrue(restore.on());
        assertEquals(Cause.RESTORE, restore.cause());
        double firstReadingAgain = rig.seconds(rig.readingsFrom(60).get(0).timestampNanos());
        assertEquals(firstReadingAgain + SETTINGS.recoveryDelaySeconds(), restore.tNanos() / 1e9,
                0.5, "restored recoveryDelay after the chip answered again");
        assertTrue(rig.parts.simulation().orElseThrow().board().relay().isClosed(), "the contacts are closed");
    }
}
