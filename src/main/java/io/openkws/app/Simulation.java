package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.io.sim.board.SimButton;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.service.DeviceInfo;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.board.SimMains;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.history.HistorySample;
import io.openkws.protect.Event;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.Source;
import io.openkws.scenario.Scenario;
import io.openkws.store.PersistedState;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import io.openkws.ui.SegmentMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replays a {@link Scenario} through the whole controller in virtual time: simulated HT7017 (at its update rate,
 * polled at wire timing), driver, meter, protection engine, relay driver and simulated relay, buttons and the
 * panel's menu.
 *
 * <p>Exists so protection behaviour can be checked against design.md by anyone, fast and reproducibly: nothing
 * waits on the wall clock, there is one thread, and the same input gives byte-identical output. The LCD is not
 * driven (it cannot change an event). Quiet stretches are fast-forwarded where that cannot change the output
 * ({@link FastForward}), so a year of history replays in about half a minute.
 */
public final class Simulation {

    /** How long a scenario's button press is held. */
    static final long PRESS_NANOS = 100_000_000L;
    /** How often the buttons are sampled and the menu ticks. */
    static final long PANEL_POLL_NANOS = 10_000_000L;
    private static final long SEED = 7017;
    private static final LocalDate SIMULATED_DAY = LocalDate.of(2026, 1, 1);
    /** Wall-clock time of virtual time 0 for the history: 2026-01-01T00:00Z, in epoch milliseconds. */
    public static final long HISTORY_EPOCH_MILLIS = 1_767_225_600_000L;

    /** What a simulation needs besides the scenario: the user config and the board's data files. */
    public record Setup(Config config, BoardSpec board, ChipSetup chip, SegmentMap segments) {

        /** The setup for {@code config}'s board; an unreadable or invalid file is a one-line user error. */
        public static Setup load(Config config) {
            BoardSpec board = BoardSpec.load(config.board());
            return new Setup(config, board, ChipSetup.load(board), SegmentMap.load(board.lcdSegmentsFile()));
        }

        /** The HT7017 front-end; only for a board with that chip (the benchmarks). */
        public FrontEnd frontEnd() {
            return ht7017().frontEnd();
        }

        /** The HT7017 calibration profile; only for a board with that chip (the benchmarks). */
        public CalibrationProfile profile() {
            return ht7017().profile();
        }

        private ChipSetup.Ht7017 ht7017() {
            if (chip instanceof ChipSetup.Ht7017 h) {
                return h;
            }
            throw new IllegalStateException("board " + board.name() + " has no HT7017");
        }
    }

    private Simulation() {
    }

    /**
     * How far behind the virtual clock an event's time may lie when it is produced (a reading is stamped at the
     * start of its register reads, a fraction of a second earlier): lines older than this are final and written.
     */
    static final long SETTLED_NANOS = 10_000_000_000L;

    /**
     * Runs {@code scenario}; returns the event lines (JSON, ordered by t), with reading lines when asked.
     * Quiet stretches are fast-forwarded where that cannot change the output ({@link #fastForwardApplies}).
     */
    public static List<String> run(Scenario scenario, Setup setup, boolean withReadings) {
        return run(scenario, setup, withReadings, true);
    }

    /** As {@link #run(Scenario, Setup, boolean)}; {@code fastForward} false polls at wire pace throughout. */
    public static List<String> run(Scenario scenario, Setup setup, boolean withReadings, boolean fastForward) {
        List<String> lines = new ArrayList<>();
        run(scenario, setup, withReadings, lines::add, null, fastForward);
        return lines;
    }

    /**
     * What a run produced besides its lines.
     *
     * @param lines            event (and reading) lines written
     * @param strides          fast-forward strides taken (0 when it did not apply or was off)
     * @param skippedNanos     virtual time covered by strides without poll cycles
     * @param fastForwardOn    whether fast-forward applied to this run
     */
    public record Result(long lines, long strides, long skippedNanos, boolean fastForwardOn) {
    }

    /**
     * Whether quiet-stretch fast-forward ({@link FastForward}) can apply: asked for, a board with the HT7017 (its
     * register schedule is known) and a noise-free front-end (readings are then the same at every poll), no
     * reading lines (they list every poll) and no fault step (the simulated chip's fault draws would shift).
     */
    public static boolean fastForwardApplies(Scenario scenario, Setup setup, boolean withReadings, boolean asked) {
        return asked && !withReadings && setup.chip() instanceof ChipSetup.Ht7017 h && h.frontEnd().noise() == 0
                && scenario.steps().stream().noneMatch(st -> st.fault().isPresent());
    }

    /**
     * Runs {@code scenario} and hands each line to {@code out} (JSON, ordered by t) as soon as no earlier event can
     * still come, so memory does not grow with the scenario's length even with a reading line every poll cycle.
     * {@code history}, when not null, receives a {@link HistorySample} for every valid reading, stamped from
     * {@link #HISTORY_EPOCH_MILLIS}. Returns the number of lines.
     */
    public static long run(Scenario scenario, Setup setup, boolean withReadings, Consumer<String> out,
                           Consumer<HistorySample> history) {
        return run(scenario, setup, withReadings, out, history, true).lines();
    }

    /** As {@link #run(Scenario, Setup, boolean, Consumer, Consumer)}, with fast-forward on or off; what it did. */
    public static Result run(Scenario scenario, Setup setup, boolean withReadings, Consumer<String> out,
                             Consumer<HistorySample> history, boolean fastForward) {
        return run(scenario, setup, withReadings, out, history, SETTLED_NANOS, fastForward);
    }

    static long run(Scenario scenario, Setup setup, boolean withReadings, Consumer<String> out,
                    Consumer<HistorySample> history, long settledNanos) {
        return run(scenario, setup, withReadings, out, history, settledNanos, true).lines();
    }

    static Result run(Scenario scenario, Setup setup, boolean withReadings, Consumer<String> out,
                      Consumer<HistorySample> history, long settledNanos, boolean fastForward) {
        Config config = setup.config();
        VirtualClock clock = new VirtualClock();
        if (!(setup.chip() instanceof ChipSetup.Ht7017)) {
            scenario.steps().stream().flatMap(st -> st.fault().stream())
                    .filter(f -> !f.kind().name().startsWith("RELAY_") && f.kind() != Scenario.FaultStep.Kind.COIL_FAILURE)
                    .findFirst().ifPresent(f -> {
                        throw new StartupException("fault step " + f.kind().wire()
                                + " is simulated on the HT7017 boards only (board: sim)");
                    });
        }
        BoardParts parts = BoardParts.simulated(setup.board(), clock, setup.chip(),
                Clock.secondsToNanos(scenario.chipUpdatePeriodSeconds()), SEED);
        BoardParts.Simulation sim = parts.simulation().orElseThrow();
        Scenario.Conditions[] current = {scenario.conditionsAt(0)};
        apply(sim.mains(), current[0]);

        List<Event> events = new ArrayList<>();
        long origin = clock.nanoTime();
        Meter meter = new Meter(parts.meterChip(setup.chip(), clock), clock);
        ProtectionEngine engine = new ProtectionEngine(config.protection(), config.powerOnState(), scenario.memory());
        FastForward[] ff = {null};
        Controller.Hooks hooks = new Controller.Hooks() {
            @Override
            public void cycleEnded(long nowNanos, boolean healthy) {
                if (ff[0] != null) {
                    ff[0].cycleEnded(healthy);
                }
            }

            @Override
            public void reading(io.openkws.meter.Reading r) {
                if (withReadings) {
                    events.add(new Event.Reading(r.timestampNanos() - origin, r.voltageV(), r.currentA(), r.powerW()));
                }
                if (history != null) {
                    history.accept(new HistorySample(HISTORY_EPOCH_MILLIS + (r.timestampNanos() - origin) / 1_000_000,
                            r.voltageV(), r.powerW(), parts.relay().isClosed(), r.energyKWh(),
                            ff[0] == null ? 1 : ff[0].readingsOfThisCycle()));
                }
            }
        };
        Controller controller = new Controller(clock, meter, engine, parts.relay(), events::add, hooks,
                config.protection(), setup.board().relay().weldedCurrentA());
        DeviceState device = new DeviceState(Optional.empty(),
                PersistedState.fresh(SIMULATED_DAY).withRelayOn(scenario.memory()), () -> SIMULATED_DAY, origin);
        DeviceCore core = new DeviceCore(controller, device, new DeviceInfo(Device.version(), setup.board().name(),
                setup.board().meter().chip().name().toLowerCase(Locale.ROOT), setup.chip().profileName(),
                setup.board().hasLcd(), DeviceInfo.runTimeSettings()), clock, origin,
                config.protection(), config.powerOnState(), (int) config.display().screenTimeoutMinutes(),
                Optional.of(parts.virtualButtons()), Optional::empty);
        Panel panel = new Panel(setup.segments(), core, origin);
        Faults[] faults = {Faults.NONE};
        long end = origin + Clock.secondsToNanos(scenario.durationSeconds());
        PanelPoller poller = new PanelPoller(clock, parts, panel, origin);
        if (fastForwardApplies(scenario, setup, withReadings, fastForward)) {
            ff[0] = new FastForward(clock, engine, controller, parts.relay(), poller, origin, end,
                    io.openkws.meter.ht7017.Ht7017Chip.POLLS_PER_ROUND,
                    Clock.secondsToNanos(scenario.chipUpdatePeriodSeconds()));
        }

        for (Scenario.Step step : scenario.steps()) {
            clock.schedule(Clock.secondsToNanos(step.atSeconds()), () -> {
                current[0] = current[0].apply(step);
                apply(sim.mains(), current[0]);
                step.fault().ifPresent(f -> inject(sim, faults, f));
                step.command().ifPresent(c -> controller.submit(new Controller.Request.UserCommand(c, Source.COMMAND)));
                step.button().ifPresent(b -> {
                    SimButton button = sim.board().button(Button.valueOf(b.name()));
                    button.press();
                    clock.schedule(PRESS_NANOS, button::release);
                });
                if (ff[0] != null) {
                    ff[0].stepRan(step.button().isPresent());
                }
            });
        }
        poller.resume();

        controller.start();
        long written = 0;
        long lastWrite = clock.nanoTime();
        while (clock.nanoTime() - end < 0) {
            if (ff[0] != null) {
                ff[0].beforeCycle();
            }
            controller.cycle();
            if (clock.nanoTime() - lastWrite >= settledNanos) {
                lastWrite = clock.nanoTime();
                written += writeSettled(events, lastWrite - origin - settledNanos, out);
            }
        }
        parts.close();
        FastForward.Stats stats = ff[0] == null ? new FastForward.Stats(0, 0) : ff[0].stats();
        return new Result(written + writeSettled(events, end - origin, out), stats.strides(), stats.skippedNanos(),
                ff[0] != null);
    }

    /** Writes, in time order, the events at or before {@code untilNanos} and forgets them; the rest stay. */
    private static long writeSettled(List<Event> events, long untilNanos, Consumer<String> out) {
        List<Event> settled = new ArrayList<>();
        List<Event> pending = new ArrayList<>();
        for (Event e : events) {
            (e.tNanos() <= untilNanos ? settled : pending).add(e);
        }
        settled.sort(Comparator.comparingLong(Event::tNanos));
        settled.forEach(e -> out.accept(io.openkws.service.EventJson.line(e)));
        events.clear();
        events.addAll(pending);
        return settled.size();
    }

    /**
     * Samples the buttons and ticks the menu every {@link #PANEL_POLL_NANOS} of virtual time, on a fixed grid from
     * the start; {@link FastForward} suspends it over a stride (no button is pressed then) and resumes it on the
     * same grid.
     */
    static final class PanelPoller implements Runnable {
        private final VirtualClock clock;
        private final BoardParts parts;
        private final Panel panel;
        private final long originNanos;
        private Clock.Timer timer;

        PanelPoller(VirtualClock clock, BoardParts parts, Panel panel, long originNanos) {
            this.clock = clock;
            this.parts = parts;
            this.panel = panel;
            this.originNanos = originNanos;
        }

        @Override
        public void run() {
            long now = clock.nanoTime();
            for (ButtonEvent e : parts.buttons().poll(now)) {
                panel.button(e, now);
            }
            panel.tick(now);
            timer = clock.schedule(PANEL_POLL_NANOS, this);
        }

        /** Stops the polls (nothing when already stopped). */
        void suspend() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        /** (Re)starts the polls at the first grid instant after now (nothing when they run). */
        void resume() {
            if (timer != null) {
                return;
            }
            long now = clock.nanoTime();
            long next = originNanos + ((now - originNanos) / PANEL_POLL_NANOS + 1) * PANEL_POLL_NANOS;
            timer = clock.schedule(next - now, this);
        }
    }

    /** Applies a scenario's fault step to the simulated board. */
    private static void inject(BoardParts.Simulation sim, Faults[] faults, Scenario.FaultStep step) {
        Faults f = faults[0];
        switch (step.kind()) {
            case UART_LOST -> sim.uart().setPresent(false);
            case UART_BACK -> sim.uart().setPresent(true);
            case CHIP_SILENT -> f = new Faults(f.corruptReplyRate(), 1.0, f.garbageRate(), f.extraDelayNanos(),
                    f.resetPerFrameRate());
            case CHIP_ANSWERS -> f = new Faults(f.corruptReplyRate(), 0.0, f.garbageRate(), f.extraDelayNanos(),
                    f.resetPerFrameRate());
            case CHIP_RESET -> sim.chip().resetNow();
            case GARBAGE -> f = new Faults(f.corruptReplyRate(), f.dropReplyRate(), step.rate(), f.extraDelayNanos(),
                    f.resetPerFrameRate());
            case RELAY_WELDED -> sim.board().relay().setWelded(true);
            case RELAY_FREED -> sim.board().relay().setWelded(false);
            case COIL_FAILURE -> sim.board().relay().failNextCoilWrite();
        }
        if (f != faults[0]) {
            faults[0] = f;
            sim.chip().setFaults(f);
        }
    }

    private static void apply(SimMains chip, Scenario.Conditions c) {
        chip.setVoltageV(c.voltageV());
        chip.setCurrentA(c.currentA());
        chip.setPowerFactor(c.powerFactor());
        chip.setFrequencyHz(c.frequencyHz());
    }
}
