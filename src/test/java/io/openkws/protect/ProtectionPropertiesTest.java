package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Seeded random timelines (voltage, load, dropped readings, user commands) checked against the engine's safety
 * invariants, with an independent bookkeeping of what the inputs were.
 */
class ProtectionPropertiesTest {

    static final long PERIOD = 100_000_000L;
    static final long EPS = 1_000L;
    static final long NONE = Long.MIN_VALUE;

    record Segment(int tenths, double volts, double amps) {
    }

    record UserCommand(int atTenth, Command command, Source source) {
    }

    @Provide
    Arbitrary<ProtectionSettings> settings() {
        Arbitrary<Integer> tenths3 = Arbitraries.integers().between(0, 30);
        return Combinators.combine(tenths3, tenths3, Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20),
                Arbitraries.of(0, 0, 7, 25)).as((ov, uv, rec, retries, retryDelay, ocDelay, blank, countdown) ->
                ProtectionSettings.of(Map.ofEntries(
                        Map.entry("overVoltageDelay", ov / 10.0), Map.entry("underVoltageDelay", uv / 10.0),
                        Map.entry("recoveryDelay", (double) rec), Map.entry("overloadRetries", (double) retries),
                        Map.entry("overloadRetryDelay", (double) retryDelay), Map.entry("overCurrent", 10.0),
                        Map.entry("overCurrentDelay", ocDelay / 10.0), Map.entry("inrushBlanking", blank / 10.0),
                        Map.entry("instantFactor", 2.0), Map.entry("countdown", (double) countdown),
                        Map.entry("meterTimeout", 2.0))));
    }

    @Provide
    Arbitrary<List<Segment>> timeline() {
        Arbitrary<Double> volts = Arbitraries.frequency(Tuple.of(8, 230.0), Tuple.of(2, 240.0), Tuple.of(1, 0.0),
                Tuple.of(1, 170.0), Tuple.of(1, 183.0), Tuple.of(1, 186.0), Tuple.of(1, 247.0), Tuple.of(1, 251.0),
                Tuple.of(1, 262.0), Tuple.of(1, Double.NaN));
        Arbitrary<Double> amps = Arbitraries.of(0.0, 2.0, 9.0, 12.0, 25.0);
        return Combinators.combine(Arbitraries.integers().between(1, 600), volts, amps).as(Segment::new)
                .list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<UserCommand>> commands() {
        return Combinators.combine(Arbitraries.integers().between(0, 5000),
                Arbitraries.of(Command.RELAY_ON, Command.RELAY_OFF, Command.RESET_LOCKOUT),
                Arbitraries.of(Source.class)).as(UserCommand::new).list().ofMaxSize(6);
    }

    @Property(tries = 300, seed = "20261121")
    void the_safety_invariants_hold_on_random_timelines(@ForAll("settings") ProtectionSettings s,
                                                        @ForAll("timeline") List<Segment> timeline,
                                                        @ForAll("commands") List<UserCommand> commands,
                                                        @ForAll PowerOnState powerOn, @ForAll boolean remembered) {
        Checker checker = new Checker(s, powerOn, remembered);
        checker.run(timeline, commands);
        for (String kind : List.of("RESTORE", "RETRY", "Lockout", "OVP", "UVP", "OCP", "METER_LOST", "COUNTDOWN",
                "Refused")) {
            net.jqwik.api.statistics.Statistics.label(kind)
                    .collect(checker.history.stream().anyMatch(h -> h.contains(kind)));
        }
    }

    @Property(tries = 200, seed = "20261121")
    void with_no_user_commands_the_relay_restores_only_after_healthy_voltage(
            @ForAll("settings") ProtectionSettings s, @ForAll("timeline") List<Segment> timeline) {
        ProtectionSettings noCountdown = ((SettingResult.Applied) s.with("countdown", 0)).settings();
        Checker checker = new Checker(noCountdown, PowerOnState.ON, false);
        checker.run(timeline.stream().map(g -> new Segment(g.tenths(), g.volts(), 2.0)).toList(), List.of());
        net.jqwik.api.statistics.Statistics.label("restored")
                .collect(checker.history.stream().anyMatch(h -> h.contains("RESTORE")));
    }

    @Property(tries = 60, seed = "20261121")
    void a_steady_overload_gets_exactly_the_allowed_retries_then_a_lockout(
            @ForAll @IntRange(min = 1, max = 5) int retries, @ForAll @IntRange(min = 0, max = 30) int retryDelay,
            @ForAll @IntRange(min = 0, max = 20) int delayTenths, @ForAll @IntRange(min = 0, max = 20) int blankTenths) {
        ProtectionSettings s = Rig.settings("recoveryDelay", 1, "overCurrent", 10, "overCurrentDelay",
                delayTenths / 10.0, "inrushBlanking", blankTenths / 10.0, "overloadRetries", retries,
                "overloadRetryDelay", retryDelay);
        Rig rig = Rig.on(s).amps(15).runTo(300);
        List<Decision> closesAndLockouts = rig.log.stream().map(Rig.Timed::decision)
                .filter(d -> d instanceof Decision.Close || d instanceof Decision.Lockout).toList();
        List<Decision> expected = new ArrayList<>();
        expected.add(new Decision.Close(Cause.POWER_ON));
        for (int i = 0; i < retries; i++) {
            expected.add(new Decision.Close(Cause.RETRY));
        }
        expected.add(new Decision.Lockout(Fault.OCP));
        assertEquals(expected, closesAndLockouts);
        assertEquals(retries + 1, rig.log.stream().filter(t -> t.decision() instanceof Decision.Trip).count());
    }

    /** Feeds one timeline and checks every decision against independent bookkeeping. */
    static final class Checker {
        final ProtectionSettings s;
        final ProtectionEngine engine;
        boolean closed;
        boolean userOff;
        long overSince = NONE;
        long underSince = NONE;
        long healthySince = NONE;
        long lastValid = 0;
        long lastOverloadTrip = NONE;
        double lastVolts = Double.NaN;
        final ArrayDeque<Long> retries = new ArrayDeque<>();
        final List<String> history = new ArrayList<>();

        Checker(ProtectionSettings s, PowerOnState powerOn, boolean remembered) {
            this.s = s;
            this.engine = new ProtectionEngine(s, powerOn, remembered);
            userOff = !powerOn.wantsOn(remembered);
        }

        void run(List<Segment> timeline, List<UserCommand> commands) {
            apply(0, engine.start(0), null);
            long t = 0;
            int tick = 0;
            for (Segment seg : timeline) {
                for (int k = 0; k < seg.tenths(); k++, tick++, t += PERIOD) {
                    for (UserCommand c : commands) {
                        if (c.atTenth() == tick) {
                            apply(t, engine.command(t, c.command(), c.source()), c.command());
                        }
                    }
                    read(t, seg);
                }
            }
        }

        void read(long t, Segment seg) {
            double v = seg.volts();
            double i = closed ? seg.amps() : 0.0;
            if (Double.isFinite(v)) {
                if (t - lastValid >= nanos(s.meterTimeoutSeconds())) {
                    healthySince = NONE;
                    overSince = NONE;
                    underSince = NONE;
                }
                lastValid = t;
                lastVolts = v;
                overSince = v > s.overVoltageV() ? (overSince == NONE ? t : overSince) : NONE;
                underSince = v < s.underVoltageV() ? (underSince == NONE ? t : underSince) : NONE;
                healthySince = s.healthy(v) ? (healthySince == NONE ? t : healthySince) : NONE;
            }
            apply(t, engine.reading(t, new Reading(v, i, v * i)), null);
            if (closed && Double.isFinite(v)) {
                check(overSince == NONE || t - overSince <= nanos(s.overVoltageDelaySeconds()) + PERIOD,
                        "closed after over-voltage since " + overSince + " at " + t);
                check(underSince == NONE || t - underSince <= nanos(s.underVoltageDelaySeconds()) + PERIOD,
                        "closed after under-voltage since " + underSince + " at " + t);
            }
            if (closed) {
                check(t - lastValid <= nanos(s.meterTimeoutSeconds()) + PERIOD,
                        "closed with no valid reading since " + lastValid + " at " + t);
            }
        }

        void apply(long t, List<Decision> decisions, Command from) {
            for (Decision d : decisions) {
                history.add(t / 1e9 + " " + d);
                switch (d) {
                    case Decision.Close c -> {
                        check(!closed, "close while closed");
                        boolean userOn = from == Command.RELAY_ON;
                        check(!userOff || userOn, "closed (" + c.cause() + ") after a user OFF without a user ON");
                        switch (c.cause()) {
                            case RESTORE, POWER_ON -> check(healthySince != NONE
                                    && t - healthySince >= nanos(s.recoveryDelaySeconds()) - EPS,
                                    "closed before the recovery delay of healthy voltage");
                            case RETRY -> {
                                check(healthySince != NONE && t - healthySince >= nanos(s.overloadRetryDelaySeconds()) - EPS
                                        && t - lastOverloadTrip >= nanos(s.overloadRetryDelaySeconds()) - EPS,
                                        "retried before the retry delay");
                                while (!retries.isEmpty() && t - retries.peekFirst() >= ProtectionEngine.RETRY_WINDOW_NANOS) {
                                    retries.removeFirst();
                                }
                                retries.addLast(t);
                                check(retries.size() <= s.overloadRetries(), "too many retries in 10 minutes");
                            }
                            case COMMAND, BUTTON -> check(s.healthy(lastVolts), "user close with unhealthy voltage");
                            default -> check(false, "unexpected close cause " + c.cause());
                        }
                        if (userOn) {
                            userOff = false;
                            retries.clear();
                        }
                        closed = true;
                        engine.relayChanged(t, true);
                    }
                    case Decision.Open o -> {
                        check(closed || o.cause() == Cause.STARTUP, "open while open: " + o);
                        if (o.cause() == Cause.COUNTDOWN || from == Command.RELAY_OFF) {
                            userOff = true;
                        }
                        closed = false;
                        engine.relayChanged(t, false);
                    }
                    case Decision.Trip trip -> {
                        if (trip.fault().isOverload()) {
                            lastOverloadTrip = t;
                        }
                    }
                    case Decision.Refused r -> check(!s.healthy(lastVolts) || t - lastValid >= nanos(s.meterTimeoutSeconds())
                            || !engine.activeFaults().isEmpty() || Double.isNaN(lastVolts), "refused with healthy voltage");
                    default -> {
                    }
                }
            }
            if (from == Command.RELAY_OFF) {
                userOff = true;
            }
            if (from == Command.RESET_LOCKOUT || from == Command.RELAY_ON && engine.desiredOn()) {
                retries.clear();
            }
            if (from == Command.RELAY_ON && engine.desiredOn()) {
                userOff = false;
            }
            check(closed == engine.relayClosed(), "engine and relay disagree");
        }

        void check(boolean ok, String message) {
            if (!ok) {
                throw new AssertionError(message + "\n" + String.join("\n", history.subList(
                        Math.max(0, history.size() - 30), history.size())));
            }
        }

        static long nanos(double seconds) {
            return Math.round(seconds * 1e9);
        }
    }

    @Property(tries = 1, seed = "20261121")
    void the_checker_catches_a_close_after_a_user_off(@ForAll("settings") ProtectionSettings s) {
        Checker checker = new Checker(s, PowerOnState.OFF, false);
        checker.apply(0, List.of(new Decision.Open(Cause.STARTUP)), null);
        assertTrue(checker.userOff);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> checker.apply(Rig.nanos(1), List.of(new Decision.Close(Cause.RESTORE)), null));
        assertFalse(e.getMessage().isEmpty());
    }
}
