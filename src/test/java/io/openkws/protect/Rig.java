package io.openkws.protect;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link ProtectionEngine} in seconds with readings every 0.1 s and an ideal relay that reports each
 * operation back at once; records every decision with its time.
 *
 * <p>Exists so the rule tests read like timelines.
 */
final class Rig {

    record Timed(double t, Decision decision) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.3f %s", t, decision);
        }
    }

    static final double PERIOD = 0.1;

    final ProtectionEngine engine;
    final List<Timed> log = new ArrayList<>();
    long nowNanos;
    double voltage = 230.0;
    double current = 0.0;
    double powerFactor = 1.0;

    Rig(ProtectionSettings settings, PowerOnState powerOn, boolean remembered) {
        engine = new ProtectionEngine(settings, powerOn, remembered);
        record(engine.start(0));
        readNow();
    }

    static Rig on(ProtectionSettings settings) {
        return new Rig(settings, PowerOnState.ON, false);
    }

    static Rig off(ProtectionSettings settings) {
        return new Rig(settings, PowerOnState.OFF, false);
    }

    /** Readings every 0.1 s (the first at 0) from the next tick up to and including {@code untilSeconds}; current flows only while closed. */
    Rig runTo(double untilSeconds) {
        long until = nanos(untilSeconds);
        while (nowNanos + nanos(PERIOD) <= until) {
            nowNanos += nanos(PERIOD);
            readNow();
        }
        return this;
    }

    /** One reading at the current time. */
    Rig readNow() {
        double i = engine.relayClosed() ? current : 0.0;
        record(engine.reading(nowNanos, new Reading(voltage, i, voltage * i * powerFactor)));
        return this;
    }

    /** Ticks (no readings) every 0.1 s up to {@code untilSeconds}. */
    Rig tickTo(double untilSeconds) {
        long until = nanos(untilSeconds);
        while (nowNanos + nanos(PERIOD) <= until) {
            nowNanos += nanos(PERIOD);
            record(engine.tick(nowNanos));
        }
        return this;
    }

    List<Decision> command(Command c, Source s) {
        List<Decision> d = engine.command(nowNanos, c, s);
        record(d);
        return d;
    }

    Rig volts(double v) {
        voltage = v;
        return this;
    }

    Rig amps(double a) {
        current = a;
        return this;
    }

    double now() {
        return nowNanos / 1e9;
    }

    private void record(List<Decision> decisions) {
        for (Decision d : decisions) {
            log.add(new Timed(now(), d));
            if (d instanceof Decision.Close) {
                engine.relayChanged(nowNanos, true);
            } else if (d instanceof Decision.Open) {
                engine.relayChanged(nowNanos, false);
            }
        }
    }

    /** The first decision equal to {@code d}, with its time; fails if absent. */
    double timeOf(Decision d) {
        return log.stream().filter(x -> x.decision().equals(d)).mapToDouble(Timed::t).findFirst()
                .orElseThrow(() -> new AssertionError(d + " not in " + log));
    }

    long count(Decision d) {
        return log.stream().filter(x -> x.decision().equals(d)).count();
    }

    List<Decision> decisionsAt(double t) {
        return log.stream().filter(x -> Math.abs(x.t() - t) < 1e-6).map(Timed::decision).toList();
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    static ProtectionSettings settings(Object... nameValue) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        }
        ProtectionSettings s = ProtectionSettings.of(m);
        s.problem().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return s;
    }
}
