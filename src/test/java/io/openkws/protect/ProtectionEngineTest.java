package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per rule of design.md's protection semantics, each on a 0.1 s reading timeline. */
class ProtectionEngineTest {

    static final Decision OPEN_TRIP = new Decision.Open(Cause.TRIP);
    static final Decision CLOSE_POWER_ON = new Decision.Close(Cause.POWER_ON);
    static final Decision CLOSE_RESTORE = new Decision.Close(Cause.RESTORE);
    static final Decision CLOSE_RETRY = new Decision.Close(Cause.RETRY);
    static final Decision CLOSE_COMMAND = new Decision.Close(Cause.COMMAND);

    static final ProtectionSettings FAST = Rig.settings("recoveryDelay", 5);
    static final ProtectionSettings OCP = Rig.settings("recoveryDelay", 5, "overCurrent", 10, "overCurrentDelay", 1,
            "inrushBlanking", 2, "instantFactor", 3);

    @ParameterizedTest
    @EnumSource(PowerOnState.class)
    void startup_first_drives_the_relay_off_whatever_the_power_on_state(PowerOnState state) {
        Rig rig = new Rig(FAST, state, true);
        assertEquals(List.of(new Decision.Open(Cause.STARTUP)), rig.decisionsAt(0));
        assertFalse(rig.engine.relayClosed());
    }

    @Test
    void power_on_closes_after_the_recovery_delay_of_healthy_voltage() {
        Rig rig = Rig.on(FAST).runTo(4.9);
        assertFalse(rig.engine.relayClosed());
        assertEquals(ProtectionEngine.State.WAITING, rig.engine.state());
        rig.runTo(10);
        assertEquals(5.0, rig.timeOf(CLOSE_POWER_ON), 1e-9);
    }

    @Test
    void power_on_memory_follows_the_remembered_state_and_off_stays_off() {
        assertEquals(1, new Rig(FAST, PowerOnState.MEMORY, true).runTo(10).count(CLOSE_POWER_ON));
        assertEquals(0, new Rig(FAST, PowerOnState.MEMORY, false).runTo(10).count(CLOSE_POWER_ON));
        assertEquals(0, new Rig(FAST, PowerOnState.OFF, true).runTo(10).count(CLOSE_POWER_ON));
    }

    @Test
    void power_on_waits_for_healthy_voltage_and_keeps_its_cause_after_a_trip_on_the_way() {
        Rig rig = Rig.on(FAST).volts(0).runTo(3).volts(230).runTo(20);
        assertEquals(2.1, rig.timeOf(new Decision.Trip(Fault.UVP, 0, 180)), 1e-9);
        assertEquals(8.1, rig.timeOf(CLOSE_POWER_ON), 1e-9);
        assertEquals(0, rig.count(OPEN_TRIP), "the relay was already open: no relay decision");
    }

    @Test
    void a_fault_trips_at_the_first_reading_where_it_has_held_for_its_trip_delay() {
        Rig rig = Rig.on(FAST).runTo(10).volts(262).runTo(10.55);
        assertTrue(rig.engine.relayClosed(), "0.4 s of over-voltage (10.1 to 10.5) is not yet 0.5 s");
        rig.runTo(11);
        assertEquals(10.6, rig.timeOf(new Decision.Trip(Fault.OVP, 262, 250)), 1e-9);
        assertEquals(List.of(new Decision.Trip(Fault.OVP, 262, 250), OPEN_TRIP), rig.decisionsAt(10.6));
    }

    @Test
    void an_interrupted_condition_restarts_its_trip_delay() {
        Rig rig = Rig.on(FAST).runTo(10);
        rig.volts(262).runTo(10.4).volts(250).runTo(10.5).volts(262).runTo(12);
        assertEquals(11.1, rig.timeOf(new Decision.Trip(Fault.OVP, 262, 250)), 1e-9);
    }

    @Test
    void a_zero_trip_delay_trips_at_the_first_reading() {
        Rig rig = Rig.on(Rig.settings("recoveryDelay", 5, "overVoltageDelay", 0)).runTo(10).volts(255).runTo(10.1);
        assertEquals(10.1, rig.timeOf(new Decision.Trip(Fault.OVP, 255, 250)), 1e-9);
    }

    @Test
    void faults_trip_while_the_relay_is_open_without_a_relay_decision_and_only_once() {
        Rig rig = Rig.off(FAST).volts(262).runTo(10);
        assertEquals(1, rig.count(new Decision.Trip(Fault.OVP, 262, 250)));
        assertEquals(0, rig.count(OPEN_TRIP));
        assertEquals(Set.of(Fault.OVP), rig.engine.activeFaults());
        assertEquals(ProtectionEngine.State.TRIPPED, rig.engine.state());
    }

    @Test
    void over_voltage_stays_active_until_the_voltage_is_below_limit_minus_hysteresis() {
        Rig rig = Rig.on(FAST).runTo(10).volts(262).runTo(11).volts(248).runTo(20);
        assertEquals(Set.of(Fault.OVP), rig.engine.activeFaults());
        assertEquals(0, rig.count(CLOSE_RESTORE), "248 V is not healthy (above 250 - 5)");
        rig.volts(245).runTo(30);
        assertEquals(25.1, rig.timeOf(CLOSE_RESTORE), 1e-9);
    }

    @Test
    void under_voltage_recovery_restarts_on_any_unhealthy_reading() {
        Rig rig = Rig.on(FAST).runTo(10).volts(170).runTo(13).volts(230).runTo(16).volts(184).runTo(16.1)
                .volts(185).runTo(30);
        assertEquals(12.1, rig.timeOf(new Decision.Trip(Fault.UVP, 170, 180)), 1e-9);
        assertEquals(21.2, rig.timeOf(CLOSE_RESTORE), 1e-9, "185 V is healthy (180 + 5), 184 V at 16.1 was not");
    }

    @Test
    void ocp_instant_level_trips_at_once_even_during_inrush_blanking() {
        Rig rig = Rig.on(OCP).runTo(5).amps(30).runTo(6);
        assertEquals(5.1, rig.timeOf(new Decision.Trip(Fault.OCP, 30, 10)), 1e-9);
    }

    @Test
    void ocp_delay_timer_runs_during_blanking_and_trips_when_blanking_ends() {
        Rig rig = Rig.on(OCP).runTo(5).amps(15).runTo(10);
        assertEquals(5.0, rig.timeOf(CLOSE_POWER_ON), 1e-9);
        assertEquals(7.0, rig.timeOf(new Decision.Trip(Fault.OCP, 15, 10)), 1e-9);
    }

    @Test
    void an_inrush_shorter_than_blanking_does_not_trip() {
        Rig rig = Rig.on(OCP).amps(15).runTo(6.5).amps(5).runTo(20);
        assertEquals(0, rig.log.stream().filter(t -> t.decision() instanceof Decision.Trip).count());
        assertTrue(rig.engine.relayClosed());
    }

    @Test
    void ocp_after_blanking_trips_after_its_delay() {
        Rig rig = Rig.on(OCP).amps(5).runTo(10).amps(12).runTo(15);
        assertEquals(11.1, rig.timeOf(new Decision.Trip(Fault.OCP, 12, 10)), 1e-9);
    }

    @Test
    void blanking_runs_from_the_close_the_relay_driver_reports() {
        ProtectionEngine e = new ProtectionEngine(OCP, PowerOnState.ON, false);
        e.start(0);
        long t = 0;
        for (; t <= Rig.nanos(5); t += Rig.nanos(0.1)) {
            e.reading(t, new Reading(230, 0, 0));
        }
        assertTrue(e.relayClosed());
        e.relayChanged(Rig.nanos(6), true);
        List<Decision> trips = new java.util.ArrayList<>();
        for (; t <= Rig.nanos(9); t += Rig.nanos(0.1)) {
            trips.addAll(e.reading(t, new Reading(230, 15, 3450)));
            if (!trips.isEmpty()) {
                break;
            }
        }
        assertEquals(Rig.nanos(8.0), t, "blanking ends 2 s after the reported close at 6 s");
    }

    @Test
    void opp_trips_on_active_power_after_its_delay() {
        Rig rig = Rig.on(Rig.settings("recoveryDelay", 5, "overPower", 2000, "overPowerDelay", 5)).amps(10);
        rig.powerFactor = 0.8;
        rig.runTo(20);
        assertTrue(rig.engine.relayClosed(), "1840 W is under 2000 W");
        rig.powerFactor = 1.0;
        rig.runTo(30);
        assertEquals(25.1, rig.timeOf(new Decision.Trip(Fault.OPP, 2300, 2000)), 1e-6);
    }

    @Test
    void an_overload_with_no_retries_latches_without_a_lockout_event() {
        Rig rig = Rig.on(OCP).amps(15).runTo(100);
        assertEquals(1, rig.count(new Decision.Trip(Fault.OCP, 15, 10)));
        assertEquals(0, rig.log.stream().filter(t -> t.decision() instanceof Decision.Lockout).count());
        assertEquals(ProtectionEngine.State.LATCHED, rig.engine.state());
        assertEquals(1, rig.count(CLOSE_POWER_ON));
        assertEquals(1, rig.log.stream().filter(t -> t.decision() instanceof Decision.Close).count());
    }

    @Test
    void overload_retries_re_close_after_the_retry_delay_then_lock_out() {
        ProtectionSettings s = Rig.settings("recoveryDelay", 5, "overCurrent", 10, "overCurrentDelay", 1,
                "inrushBlanking", 0, "overloadRetries", 2, "overloadRetryDelay", 3);
        Rig rig = Rig.on(s).amps(15).runTo(60);
        assertEquals(List.of(6.1, 9.1, 10.2, 13.2),
                rig.log.stream().filter(t -> t.decision() instanceof Decision.Trip || t.decision().equals(CLOSE_RETRY))
                        .map(Rig.Timed::t).toList().subList(0, 4));
        assertEquals(2, rig.count(CLOSE_RETRY));
        assertEquals(List.of(new Decision.Trip(Fault.OCP, 15, 10), OPEN_TRIP, new Decision.Lockout(Fault.OCP)),
                rig.decisionsAt(14.3));
        assertEquals(ProtectionEngine.State.LOCKED_OUT, rig.engine.state());
    }

    @Test
    void retries_older_than_ten_minutes_no_longer_count() {
        ProtectionSettings s = Rig.settings("recoveryDelay", 5, "overCurrent", 10, "overCurrentDelay", 0,
                "inrushBlanking", 0, "overloadRetries", 1, "overloadRetryDelay", 1);
        Rig rig = Rig.on(s).amps(15).runTo(5.2);
        assertEquals(5.1, rig.timeOf(new Decision.Trip(Fault.OCP, 15, 10)), 1e-9);
        rig.amps(5).runTo(6.1);
        assertEquals(6.1, rig.timeOf(CLOSE_RETRY), 1e-9);
        rig.runTo(606.0).amps(15).runTo(606.1);
        assertEquals(ProtectionEngine.State.WAITING, rig.engine.state(), "the retry at 6.1 s is 600 s old");
        rig.amps(5).runTo(608);
        assertEquals(2, rig.count(CLOSE_RETRY));
        rig.amps(15).runTo(608.2);
        assertEquals(1, rig.count(new Decision.Lockout(Fault.OCP)));
    }

    @Test
    void a_retry_waits_for_healthy_voltage() {
        ProtectionSettings s = Rig.settings("recoveryDelay", 5, "overCurrent", 10, "overCurrentDelay", 0,
                "inrushBlanking", 0, "overloadRetries", 1, "overloadRetryDelay", 2, "underVoltageDelay", 10);
        Rig rig = Rig.on(s).amps(15).runTo(5.1).amps(1).volts(183).runTo(10).volts(230).runTo(20);
        assertEquals(12.1, rig.timeOf(CLOSE_RETRY), 1e-9);
    }

    @Test
    void a_user_on_is_refused_while_the_voltage_is_unhealthy() {
        Rig rig = Rig.off(FAST).volts(247).runTo(10);
        assertEquals(List.of(new Decision.Refused(Command.RELAY_ON, "voltage unhealthy")),
                rig.command(Command.RELAY_ON, Source.COMMAND));
        assertFalse(rig.engine.desiredOn());
        rig.volts(230).runTo(100);
        assertFalse(rig.engine.relayClosed(), "a refused ON is not executed later");
    }

    @Test
    void a_user_on_is_refused_before_any_valid_reading() {
        ProtectionEngine e = new ProtectionEngine(FAST, PowerOnState.OFF, false);
        e.start(0);
        assertEquals(List.of(new Decision.Refused(Command.RELAY_ON, "no valid reading")),
                e.command(0, Command.RELAY_ON, Source.BUTTON));
    }

    @Test
    void a_user_on_clears_a_latch_and_closes_at_once() {
        Rig rig = Rig.on(OCP).amps(15).runTo(10).amps(5);
        assertEquals(ProtectionEngine.State.LATCHED, rig.engine.state());
        assertEquals(List.of(new Decision.Close(Cause.BUTTON)), rig.command(Command.RELAY_ON, Source.BUTTON));
        assertEquals(ProtectionEngine.State.ON, rig.engine.state());
        assertEquals(Set.of(), rig.engine.activeFaults());
    }

    @Test
    void a_user_on_overrides_a_pending_recovery_when_the_voltage_is_healthy() {
        Rig rig = Rig.on(FAST).runTo(1);
        assertEquals(List.of(CLOSE_COMMAND), rig.command(Command.RELAY_ON, Source.COMMAND));
        rig.runTo(10);
        assertEquals(0, rig.count(CLOSE_POWER_ON));
    }

    @Test
    void reset_lockout_clears_a_latch_and_returns_to_the_desired_state() {
        Rig rig = Rig.on(OCP).amps(15).runTo(10).amps(5);
        assertEquals(List.of(CLOSE_COMMAND), rig.command(Command.RESET_LOCKOUT, Source.COMMAND));
        assertEquals(List.of(), rig.command(Command.RESET_LOCKOUT, Source.COMMAND), "nothing left to reset");
    }

    @Test
    void reset_lockout_with_the_relay_desired_off_clears_without_closing() {
        Rig rig = Rig.on(OCP).amps(15).runTo(10);
        rig.command(Command.RELAY_OFF, Source.COMMAND);
        assertEquals(List.of(), rig.command(Command.RESET_LOCKOUT, Source.COMMAND));
        assertEquals(ProtectionEngine.State.OFF, rig.engine.state());
    }

    @Test
    void a_user_off_cancels_a_pending_automatic_close_and_emits_nothing_when_already_off() {
        Rig rig = Rig.on(FAST).runTo(2);
        assertEquals(List.of(), rig.command(Command.RELAY_OFF, Source.COMMAND));
        rig.runTo(20);
        assertEquals(0, rig.count(CLOSE_POWER_ON));
        assertEquals(ProtectionEngine.State.OFF, rig.engine.state());
    }

    @Test
    void a_user_off_opens_with_its_source_as_cause() {
        Rig rig = Rig.on(FAST).runTo(6);
        assertEquals(List.of(new Decision.Open(Cause.BUTTON)), rig.command(Command.RELAY_OFF, Source.BUTTON));
        assertFalse(rig.engine.desiredOn());
    }

    @Test
    void a_user_on_while_on_emits_nothing() {
        Rig rig = Rig.on(FAST).runTo(6);
        assertEquals(List.of(), rig.command(Command.RELAY_ON, Source.COMMAND));
    }

    @Test
    void meter_lost_is_detected_on_ticks_opens_the_relay_and_restores_after_valid_readings() {
        Rig rig = Rig.on(FAST).runTo(6).tickTo(20);
        assertEquals(11.0, rig.timeOf(new Decision.Trip(Fault.METER_LOST, 5.0, 5.0)), 1e-9);
        assertEquals(List.of(new Decision.Trip(Fault.METER_LOST, 5.0, 5.0), OPEN_TRIP), rig.decisionsAt(11.0));
        assertEquals(ProtectionEngine.State.TRIPPED, rig.engine.state());
        rig.runTo(30);
        assertEquals(25.1, rig.timeOf(CLOSE_RESTORE), 1e-9);
    }

    @Test
    void an_automatic_close_waits_for_a_fresh_reading() {
        Rig rig = Rig.on(FAST).runTo(4.5).tickTo(6);
        assertEquals(0, rig.count(CLOSE_POWER_ON));
        rig.runTo(7);
        assertEquals(6.1, rig.timeOf(CLOSE_POWER_ON), 1e-9);
    }

    @Test
    void meter_lost_fires_after_start_when_no_reading_ever_comes() {
        Rig rig = Rig.on(FAST).tickTo(6);
        assertEquals(5.0, rig.timeOf(new Decision.Trip(Fault.METER_LOST, 5.0, 5.0)), 1e-9);
    }

    @Test
    void an_invalid_reading_counts_as_no_reading() {
        Rig rig = Rig.on(FAST).runTo(6);
        List<Decision> all = new java.util.ArrayList<>();
        for (double t = 6.1; t < 12; t += 0.1) {
            all.addAll(rig.engine.reading(Rig.nanos(t), new Reading(Double.NaN, 0, 0)));
        }
        assertTrue(all.contains(new Decision.Trip(Fault.METER_LOST, 5.0, 5.0)), all.toString());
    }

    @Test
    void a_late_reading_after_a_gap_reports_meter_lost_then_recovers() {
        ProtectionEngine e = new ProtectionEngine(FAST, PowerOnState.ON, false);
        e.start(0);
        e.reading(0, new Reading(230, 0, 0));
        List<Decision> d = e.reading(Rig.nanos(7), new Reading(230, 0, 0));
        assertEquals(List.of(new Decision.Trip(Fault.METER_LOST, 7.0, 5.0)), d);
        assertEquals(Set.of(), e.activeFaults());
    }

    @Test
    void the_countdown_switches_off_after_its_time_and_a_user_off_cancels_it() {
        Rig rig = Rig.off(Rig.settings("countdown", 20)).runTo(10);
        rig.command(Command.RELAY_ON, Source.COMMAND);
        assertEquals(20.0, rig.engine.countdownRemainingNanos(rig.nowNanos).orElseThrow() / 1e9, 1e-9);
        rig.runTo(40);
        assertEquals(30.0, rig.timeOf(new Decision.Open(Cause.COUNTDOWN)), 1e-9);
        assertFalse(rig.engine.desiredOn());
        rig.command(Command.RELAY_ON, Source.COMMAND);
        rig.runTo(45);
        rig.command(Command.RELAY_OFF, Source.COMMAND);
        assertTrue(rig.engine.countdownRemainingNanos(rig.nowNanos).isEmpty());
        rig.runTo(80);
        assertEquals(1, rig.count(new Decision.Open(Cause.COUNTDOWN)));
    }

    @Test
    void the_countdown_runs_from_the_power_on_close_and_not_from_a_restore() {
        Rig rig = Rig.on(Rig.settings("recoveryDelay", 5, "countdown", 30)).runTo(10).volts(262).runTo(11)
                .volts(230).runTo(40);
        assertEquals(5.0, rig.timeOf(CLOSE_POWER_ON), 1e-9);
        assertEquals(16.1, rig.timeOf(CLOSE_RESTORE), 1e-9);
        assertEquals(35.0, rig.timeOf(new Decision.Open(Cause.COUNTDOWN)), 1e-9);
    }

    @Test
    void setting_the_countdown_while_on_arms_it_from_now() {
        Rig rig = Rig.on(FAST).runTo(10);
        ProtectionSettings next = ((SettingResult.Applied) FAST.with("countdown", 60)).settings();
        assertEquals(List.of(), rig.engine.settings(rig.nowNanos, next));
        rig.runTo(80);
        assertEquals(70.0, rig.timeOf(new Decision.Open(Cause.COUNTDOWN)), 1e-9);
    }

    @Test
    void the_countdown_expiring_while_tripped_only_clears_the_desired_state() {
        Rig rig = Rig.on(Rig.settings("recoveryDelay", 5, "countdown", 20)).runTo(10).volts(262).runTo(30)
                .volts(230).runTo(60);
        assertEquals(0, rig.count(new Decision.Open(Cause.COUNTDOWN)));
        assertEquals(0, rig.count(CLOSE_RESTORE));
        assertFalse(rig.engine.desiredOn());
    }

    @Test
    void reset_energy_is_passed_through() {
        Rig rig = Rig.off(FAST);
        assertEquals(List.of(new Decision.ResetEnergy()), rig.command(Command.RESET_ENERGY, Source.COMMAND));
    }

    @Test
    void switching_a_limit_off_at_run_time_clears_its_fault() {
        Rig rig = Rig.on(FAST).runTo(10).volts(262).runTo(12);
        ProtectionSettings next = ((SettingResult.Applied) FAST.with("overVoltage", 0)).settings();
        rig.engine.settings(rig.nowNanos, next);
        assertEquals(Set.of(), rig.engine.activeFaults());
        rig.runTo(20);
        assertEquals(17.1, rig.timeOf(CLOSE_RESTORE), 1e-9, "with OVP off 262 V is healthy");
    }

    @Test
    void the_engine_rejects_use_before_start_and_a_second_start() {
        ProtectionEngine e = new ProtectionEngine(FAST, PowerOnState.OFF, false);
        assertThrows(IllegalStateException.class, () -> e.tick(0));
        e.start(0);
        assertThrows(IllegalStateException.class, () -> e.start(1));
    }
}
