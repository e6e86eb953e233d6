package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ProtectionEngine#quietUntilNanos}: the query a replay uses to know that only the passing of time could
 * make the engine act, and until when. It must say "not quiet" whenever a timer of the rules runs.
 */
class ProtectionEngineQuietTest {

    static final ProtectionSettings SETTINGS = Rig.settings("recoveryDelay", 5, "overCurrent", 10,
            "overCurrentDelay", 2, "overloadRetries", 1, "overloadRetryDelay", 5, "meterTimeout", 5);

    private static long quiet(Rig rig) {
        return rig.engine.quietUntilNanos(rig.nowNanos) - rig.nowNanos;
    }

    @Test
    void a_pending_power_on_close_is_not_quiet_and_a_closed_relay_is_quiet_until_the_meter_timeout() {
        Rig rig = Rig.on(SETTINGS).runTo(4.0);
        assertEquals(0, quiet(rig));
        rig.runTo(10.0);
        assertTrue(rig.engine.relayClosed());
        assertEquals(Rig.nanos(5.0), quiet(rig), "the last reading plus meterTimeout, from now");
    }

    @Test
    void a_fault_condition_being_timed_and_the_retry_after_it_are_not_quiet() {
        Rig rig = Rig.on(SETTINGS).runTo(10.0);
        rig.current = 12.0;
        rig.runTo(11.0);
        assertEquals(0, quiet(rig), "over-current timed for its trip delay");
        rig.runTo(13.0);
        assertTrue(rig.engine.activeFaults().contains(Fault.OCP));
        assertEquals(0, quiet(rig), "a retry close pending");
    }

    @Test
    void a_supply_fault_is_not_quiet_and_an_off_relay_with_nothing_pending_is() {
        Rig rig = Rig.on(SETTINGS).runTo(10.0);
        rig.voltage = 262.0;
        rig.runTo(12.0);
        assertTrue(rig.engine.activeFaults().contains(Fault.OVP));
        assertEquals(0, quiet(rig));
        rig.engine.command(rig.nowNanos, Command.RELAY_OFF, Source.COMMAND);
        rig.voltage = 230.0;
        rig.runTo(14.0);
        assertTrue(rig.engine.activeFaults().isEmpty());
        assertEquals(Rig.nanos(5.0), quiet(rig));
    }

    @Test
    void an_armed_countdown_bounds_the_quiet_stretch() {
        Rig rig = Rig.on(Rig.settings("recoveryDelay", 5, "countdown", 60, "meterTimeout", 600)).runTo(10.0);
        assertTrue(rig.engine.relayClosed());
        long left = rig.engine.countdownRemainingNanos(rig.nowNanos).orElseThrow();
        assertEquals(left, quiet(rig));
    }

    @Test
    void asking_changes_nothing() {
        Rig rig = Rig.on(SETTINGS).runTo(10.0);
        rig.current = 12.0;
        rig.runTo(11.0);
        Rig twin = Rig.on(SETTINGS).runTo(10.0);
        twin.current = 12.0;
        twin.runTo(11.0);
        for (int i = 0; i < 100; i++) {
            rig.engine.quietUntilNanos(rig.nowNanos + i);
        }
        rig.runTo(20.0);
        twin.runTo(20.0);
        assertEquals(twin.log.toString(), rig.log.toString());
    }
}
