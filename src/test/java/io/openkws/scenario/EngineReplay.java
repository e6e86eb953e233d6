package io.openkws.scenario;

import io.openkws.config.Config;
import io.openkws.protect.Cause;
import io.openkws.protect.Command;
import io.openkws.protect.Decision;
import io.openkws.protect.Event;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.Reading;
import io.openkws.protect.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a scenario straight into a {@link ProtectionEngine}: one reading of the scenario's true values every
 * chip update period (current 0 while the relay is open), commands at their step times, and a relay model with
 * the sim board's 1 s minimum interval between operations (a close may be delayed, an opening never is).
 *
 * <p>Exists to check the expected-event files against the engine alone, before the whole controller exists; the
 * relay events are stamped at the start of the (possibly delayed) coil pulse as design.md requires.
 */
final class EngineReplay {

    static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    private final ProtectionEngine engine;
    private final List<Event> events = new ArrayList<>();
    private boolean closed;
    private long lastOperationNanos = NONE;
    private Cause delayedCloseCause;
    private long delayedCloseAtNanos = NONE;

    private EngineReplay(Config config, Scenario scenario) {
        engine = new ProtectionEngine(config.protection(), config.powerOnState(), scenario.memory());
    }

    /** The events the scenario produces, in order. */
    static List<Event> run(Config config, Scenario scenario) {
        EngineReplay replay = new EngineReplay(config, scenario);
        replay.replay(scenario);
        return replay.events;
    }

    private void replay(Scenario scenario) {
        long period = Math.round(scenario.chipUpdatePeriodSeconds() * 1e9);
        long end = Math.round(scenario.durationSeconds() * 1e9);
        execute(engine.start(0), 0);
        int nextStep = 0;
        List<Scenario.Step> steps = scenario.steps();
        Scenario.Conditions conditions = Scenario.Conditions.INITIAL;
        long nextReading = 0;
        while (true) {
            long stepAt = nextStep < steps.size() ? nanos(steps.get(nextStep).atSeconds()) : Long.MAX_VALUE;
            long closeAt = delayedCloseAtNanos == NONE ? Long.MAX_VALUE : delayedCloseAtNanos;
            long now = Math.min(nextReading, Math.min(stepAt, closeAt));
            if (now > end) {
                break;
            }
            if (now == closeAt) {
                pulse(now, true, delayedCloseCause);
                delayedCloseAtNanos = NONE;
                delayedCloseCause = null;
            }
            while (nextStep < steps.size() && nanos(steps.get(nextStep).atSeconds()) == now) {
                Scenario.Step step = steps.get(nextStep++);
                conditions = conditions.apply(step);
                step.command().ifPresent(c -> execute(engine.command(now, c, Source.COMMAND), now));
                step.button().filter(b -> b == Scenario.Button.POWER).ifPresent(b -> execute(engine.command(now,
                        engine.desiredOn() ? Command.RELAY_OFF : Command.RELAY_ON, Source.BUTTON), now));
            }
            if (now == nextReading) {
                double current = closed ? conditions.currentA() : 0.0;
                double power = conditions.voltageV() * current * conditions.powerFactor();
                execute(engine.reading(now, new Reading(conditions.voltageV(), current, power)), now);
                nextReading += period;
            }
        }
    }

    private void execute(List<Decision> decisions, long now) {
        for (Decision d : decisions) {
            switch (d) {
                case Decision.Close c -> {
                    long due = lastOperationNanos == NONE ? now : Math.max(now, lastOperationNanos + MIN_INTERVAL_NANOS);
                    if (due == now) {
                        pulse(now, true, c.cause());
                    } else {
                        delayedCloseCause = c.cause();
                        delayedCloseAtNanos = due;
                    }
                }
                case Decision.Open o -> {
                    delayedCloseAtNanos = NONE;
                    delayedCloseCause = null;
                    if (closed || o.cause() == Cause.STARTUP) {
                        pulse(now, false, o.cause());
                    }
                }
                default -> d.toEvent(now).ifPresent(events::add);
            }
        }
    }

    private void pulse(long now, boolean close, Cause cause) {
        closed = close;
        lastOperationNanos = now;
        events.add(new Event.Relay(now, close, cause));
        engine.relayChanged(now, close);
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
