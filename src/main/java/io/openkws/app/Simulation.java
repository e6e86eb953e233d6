package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.protect.Event;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.Source;
import io.openkws.scenario.Scenario;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays a {@link Scenario} through the whole controller in virtual time: simulated HT7017 (at its update rate,
 * polled at wire timing), driver, meter, protection engine, relay driver and simulated relay, buttons.
 *
 * <p>Exists so protection behaviour can be checked against design.md by anyone, fast and reproducibly: nothing
 * waits on the wall clock, there is one thread, and the same input gives byte-identical output.
 */
public final class Simulation {

    /** How long a scenario's button press is held. */
    static final long PRESS_NANOS = 100_000_000L;
    /** How often the buttons are sampled. */
    static final long BUTTON_POLL_NANOS = 10_000_000L;
    private static final long SEED = 7017;

    private Simulation() {
    }

    /** Runs {@code scenario}; returns the event lines (JSON, ordered by t), with reading lines when asked. */
    public static List<String> run(Scenario scenario, Config config, BoardSpec board, FrontEnd frontEnd,
                                   CalibrationProfile profile, boolean withReadings) {
        VirtualClock clock = new VirtualClock();
        BoardParts parts = BoardParts.simulated(board, clock, frontEnd,
                Clock.secondsToNanos(scenario.chipUpdatePeriodSeconds()), SEED);
        BoardParts.Simulation sim = parts.simulation().orElseThrow();
        Scenario.Conditions start = scenario.conditionsAt(0);
        apply(sim.chip(), start);

        List<Event> events = new ArrayList<>();
        Meter meter = new Meter(new Ht7017Driver(parts.link(), clock), profile, clock);
        ProtectionEngine engine = new ProtectionEngine(config.protection(), config.powerOnState(), scenario.memory());
        long[] origin = new long[1];
        Controller.Hooks hooks = new Controller.Hooks() {
            @Override
            public void reading(io.openkws.meter.Reading r) {
                if (withReadings) {
                    events.add(new Event.Reading(r.timestampNanos() - origin[0], r.voltageV(), r.currentA(), r.powerW()));
                }
            }
        };
        Controller controller = new Controller(clock, meter, engine, parts.relay(), events::add, hooks);
        origin[0] = clock.nanoTime();

        Scenario.Conditions[] current = {start};
        for (Scenario.Step step : scenario.steps()) {
            clock.schedule(Clock.secondsToNanos(step.atSeconds()), () -> {
                current[0] = current[0].apply(step);
                apply(sim.chip(), current[0]);
                step.command().ifPresent(c -> controller.submit(new Controller.Request.UserCommand(c, Source.COMMAND)));
                step.button().ifPresent(b -> {
                    var button = sim.board().button(Button.valueOf(b.name()));
                    button.press();
                    clock.schedule(PRESS_NANOS, button::release);
                });
            });
        }
        ButtonGlue glue = new ButtonGlue(controller);
        schedulePolling(clock, parts, glue);

        controller.start();
        long end = origin[0] + Clock.secondsToNanos(scenario.durationSeconds());
        while (clock.nanoTime() - end < 0) {
            controller.cycle();
        }
        parts.close();
        List<String> lines = new ArrayList<>(events.size());
        events.stream().filter(e -> e.tNanos() <= end - origin[0])
                .sorted(Comparator.comparingLong(Event::tNanos)).forEach(e -> lines.add(e.toJson()));
        return lines;
    }

    private static void schedulePolling(VirtualClock clock, BoardParts parts, ButtonGlue glue) {
        clock.schedule(BUTTON_POLL_NANOS, new Runnable() {
            @Override
            public void run() {
                for (ButtonEvent e : parts.buttons().poll(clock.nanoTime())) {
                    glue.accept(e);
                }
                clock.schedule(BUTTON_POLL_NANOS, this);
            }
        });
    }

    private static void apply(Ht7017Sim chip, Scenario.Conditions c) {
        chip.setVoltageV(c.voltageV());
        chip.setCurrentA(c.currentA());
        chip.setPowerFactor(c.powerFactor());
        chip.setFrequencyHz(c.frequencyHz());
    }

    /** Routes button gestures to the controller (the power button toggles the relay). */
    private record ButtonGlue(Controller controller) {
        void accept(ButtonEvent event) {
            if (event instanceof ButtonEvent.Clicked(Button button, long nanos) && button == Button.POWER) {
                controller.submit(new Controller.Request.ToggleRelay(Source.BUTTON));
            }
        }
    }
}
