package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.config.MqttConfig;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.driver.tm1622.PinTm1622Bus;
import io.openkws.driver.tm1622.Tm1622Driver;
import io.openkws.export.mqtt.CommandHandler;
import io.openkws.export.mqtt.CommandOutcome;
import io.openkws.export.mqtt.EmbeddedBroker;
import io.openkws.export.mqtt.MqttExporter;
import io.openkws.export.mqtt.MqttSettings;
import io.openkws.export.mqtt.StateSnapshot;
import io.openkws.meter.Meter;
import io.openkws.meter.Reading;
import io.openkws.protect.Command;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingResult;
import io.openkws.protect.Source;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import io.openkws.time.Clock;
import io.openkws.ui.SegmentMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running meter: a configured board (real or simulated) with its control loop, front panel, LCD, persistence,
 * MQTT export and optional hardware watchdog, each on its own thread.
 *
 * <p>Exists to assemble {@code run} from the same parts {@code simulate} uses, in real time, and to shut it down
 * cleanly on SIGTERM: the state is saved, the MQTT status goes offline, the chip is released and the relay's
 * contacts are left as they are (both coils low).
 */
public final class Device implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Device.class);
    /** How often the panel samples buttons and lets the menu tick. */
    static final long PANEL_PERIOD_NANOS = 10_000_000L;
    /** How often the LCD is redrawn (the delta flush only sends changed nibbles). */
    static final long LCD_PERIOD_NANOS = 100_000_000L;
    /** How often the TM1622 is re-initialised and fully rewritten (ESD, brown-out). */
    static final long LCD_REFRESH_NANOS = 60_000_000_000L;
    /** How often the state is handed to the MQTT exporter (it publishes at its own interval). */
    static final long EXPORT_PERIOD_NANOS = 1_000_000_000L;
    /** How often headless mode logs a status line. */
    static final long STATUS_LOG_NANOS = 10_000_000_000L;

    private final Clock clock;
    private final Config config;
    private final BoardParts parts;
    private final Meter meter;
    private final Controller controller;
    private final DeviceState state;
    private final Panel panel;
    private final SegmentMap segments;
    private final Tm1622Driver lcd;
    private final Optional<Watchdog> watchdog;
    private final List<Consumer<Event>> eventListeners = new CopyOnWriteArrayList<>();
    private final long startNanos;
    private EmbeddedBroker broker;
    private MqttExporter exporter;
    private volatile boolean running;
    private Thread loopThread;
    private Thread panelThread;
    private Thread exportThread;
    private boolean closed;
    private boolean lcdReady;
    private long nextLcdNanos;
    private long nextLcdRefreshNanos;

    private Device(Clock clock, Config config, BoardParts parts, Meter meter, Controller controller, DeviceState state,
                   Panel panel, SegmentMap segments, Tm1622Driver lcd, Optional<Watchdog> watchdog, long startNanos) {
        this.clock = clock;
        this.config = config;
        this.parts = parts;
        this.meter = meter;
        this.controller = controller;
        this.state = state;
        this.panel = panel;
        this.segments = segments;
        this.lcd = lcd;
        this.watchdog = watchdog;
        this.startNanos = startNanos;
    }

    /** Builds the device for {@code config} on the wall clock; nothing runs until {@link #start()}. */
    public static Device build(Config config, Clock clock) {
        BoardSpec board = BoardSpec.load(config.board());
        BoardParts parts = board.simulated()
                ? BoardParts.simulated(board, clock, ChipSetup.load(board),
                        board.simulation().orElseThrow().chipUpdatePeriodNanos(), System.nanoTime())
                : BoardParts.real(board, clock);
        parts.simulation().ifPresent(sim -> {
            sim.mains().setVoltageV(230.0);
            sim.mains().setCurrentA(2.0);
            sim.mains().setPowerFactor(0.95);
            sim.mains().setFrequencyHz(50.0);
        });
        return assemble(config, clock, parts, LocalDate::now);
    }

    /**
     * Assembles the device on {@code parts}: state loaded from {@code config.stateDirectory()}, saved settings
     * applied over the configured ones, control loop, panel and LCD driver. Nothing runs: {@link #start()} starts
     * the threads, or a virtual-time harness drives {@link #controller()} and {@link #panelPass} itself.
     */
    static Device assemble(Config config, Clock clock, BoardParts parts, Supplier<LocalDate> today) {
        BoardSpec board = parts.spec();
        ChipSetup chip = ChipSetup.load(board);
        SegmentMap segments = SegmentMap.load(board.lcdSegmentsFile());

        StateStore store = new StateStore(config.stateDirectory());
        StateStore.Loaded loaded = store.load(today.get());
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        PersistedState persisted = loaded.state();
        ProtectionSettings settings = withOverrides(config.protection(), persisted.settings());
        PowerOnState powerOn = powerOnOverride(config.powerOnState(), persisted.settings());

        long start = clock.nanoTime();
        Meter meter = new Meter(parts.meterChip(chip, clock), clock);
        meter.setEnergyKWh(0);
        ProtectionEngine engine = new ProtectionEngine(settings, powerOn, persisted.relayOn());
        DeviceState state = new DeviceState(Optional.of(store), persisted, today, start);
        Optional<Watchdog> watchdog = config.watchdog().map(Watchdog::open);

        Device[] self = new Device[1];
        Controller controller = new Controller(clock, meter, engine, parts.relay(),
                event -> self[0].onEvent(event), new LoopHooks(state, watchdog, clock, start), config.protection());
        Panel panel = new Panel(segments, controller, state, config.powerOnState().name().toLowerCase(Locale.ROOT),
                (int) config.display().screenTimeoutMinutes(), start);
        // A simulated board without an LCD still drives the simulated glass: the terminal draws the menu model there.
        Tm1622Driver lcd = !board.hasLcd() && !board.simulated() ? null : new Tm1622Driver(new PinTm1622Bus(parts.lcdLines().cs(), parts.lcdLines().wr(),
                parts.lcdLines().data(), clock), parts.lcdLines().halfPeriodNanos());
        self[0] = new Device(clock, config, parts, meter, controller, state, panel, segments, lcd, watchdog, start);
        return self[0];
    }

    /** Starts MQTT (and the embedded broker), the control loop, the panel and the exporter feed. */
    public void start() {
        running = true;
        startMqtt();
        loopThread = new Thread(this::loop, "openkws-control");
        loopThread.setPriority(Thread.MAX_PRIORITY);
        loopThread.start();
        panelThread = daemon("openkws-panel", this::panelLoop);
        if (exporter != null) {
            exportThread = daemon("openkws-export", this::exportLoop);
        }
    }

    /** Events of the controller (relay, trip, refused, lockout), on the control thread: keep listeners quick. */
    public void addEventListener(Consumer<Event> listener) {
        eventListeners.add(listener);
    }

    public Controller controller() {
        return controller;
    }

    public SegmentMap segments() {
        return segments;
    }

    public BoardParts parts() {
        return parts;
    }

    public DeviceState state() {
        return state;
    }

    public Optional<MqttExporter> exporter() {
        return Optional.ofNullable(exporter);
    }

    /**
     * Headless mode (systemd, no terminal): logs a status line every {@link #STATUS_LOG_NANOS} until the device
     * is closed (SIGTERM runs {@link #close()} from the shutdown hook).
     */
    public void logStatusUntilStopped() throws InterruptedException {
        while (running) {
            clock.sleepNanos(STATUS_LOG_NANOS);
            Controller.Status s = controller.status();
            if (s == null || !running) {
                continue;
            }
            Reading r = s.reading();
            LOG.info("status: {} relay {} state {} faults {} energy {} kWh",
                    r == null ? "no reading" : String.format(Locale.ROOT, "%.1f V %.3f A %.1f W %.2f Hz", r.voltageV(),
                            r.currentA(), r.powerW(), r.frequencyHz()),
                    s.relayClosed() ? "on" : "off", s.state().name().toLowerCase(Locale.ROOT), s.faults(),
                    String.format(Locale.ROOT, "%.4f", state.snapshot().energyKWh()));
        }
    }

    /** Seconds since the device started. */
    public double uptimeSeconds() {
        return (clock.nanoTime() - startNanos) / 1e9;
    }

    private void loop() {
        controller.start();
        while (running) {
            controller.cycle();
        }
    }

    private void panelLoop() {
        while (running && controller.status() == null) {
            sleepQuietly(PANEL_PERIOD_NANOS);
        }
        while (running) {
            try {
                panelPass(clock.nanoTime());
                clock.sleepNanos(PANEL_PERIOD_NANOS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("panel: {}", e.toString());
                sleepQuietly(1_000_000_000L);
            }
        }
    }

    /**
     * One pass of the panel task (every {@link #PANEL_PERIOD_NANOS}, after the controller has started): button
     * gestures to the panel, the menu's timeout, and every {@link #LCD_PERIOD_NANOS} the LCD redrawn through the
     * TM1622 driver (fully re-initialised every {@link #LCD_REFRESH_NANOS}).
     */
    void panelPass(long nowNanos) {
        for (ButtonEvent e : parts.buttons().poll(nowNanos)) {
            panel.button(e, nowNanos);
        }
        panel.tick(nowNanos);
        if (lcd == null || lcdReady && nowNanos - nextLcdNanos < 0) {
            return;
        }
        if (!lcdReady || nowNanos - nextLcdRefreshNanos >= 0) {
            lcd.refresh();
            lcdReady = true;
            nextLcdRefreshNanos = nowNanos + LCD_REFRESH_NANOS;
        }
        boolean blinkOn = ((nowNanos - startNanos) / 500_000_000L) % 2 == 0;
        lcd.show(panel.frame(nowNanos).toRam(segments, blinkOn));
        lcd.flush();
        nextLcdNanos = nowNanos + LCD_PERIOD_NANOS;
    }

    private void exportLoop() {
        while (running) {
            exporter.publishState(snapshot(), false);
            sleepQuietly(EXPORT_PERIOD_NANOS);
        }
    }

    private void onEvent(Event event) {
        String json = event.toJson();
        LOG.info("event {}", json);
        if (exporter != null) {
            exporter.publishEvent(json);
        }
        if (!(event instanceof Event.Reading)) {
            if (event instanceof Event.Trip || event instanceof Event.Lockout) {
                state.forceSave();
            }
            if (exporter != null) {
                exporter.publishState(snapshot(), true);
            }
        }
        eventListeners.forEach(l -> l.accept(event));
    }

    /** The state JSON for MQTT. */
    public StateSnapshot snapshot() {
        Controller.Status s = controller.status();
        Reading r = s == null ? null : s.reading();
        PersistedState p = state.snapshot();
        List<String> faults = new ArrayList<>();
        if (s != null) {
            for (Fault f : Fault.values()) {
                if (s.faults().contains(f)) {
                    faults.add(f.name());
                }
            }
        }
        double nan = Double.NaN;
        return new StateSnapshot(r == null ? nan : r.voltageV(), r == null ? nan : r.currentA(),
                r == null ? nan : r.powerW(), r == null ? nan : r.apparentPowerVA(),
                r == null ? nan : r.reactivePowerVar(), r == null ? nan : r.powerFactor(),
                r == null ? nan : r.frequencyHz(), p.energyKWh(), p.energyTodayKWh(), p.energyYesterdayKWh(),
                p.runTimeSeconds(), s != null && s.relayClosed() ? "on" : "off", faults,
                s == null ? "" : s.state().name().toLowerCase(Locale.ROOT),
                s == null ? 0 : (s.countdownRemainingNanos() + 999_999_999L) / 1_000_000_000L,
                s == null ? 0 : s.badFrames(), (long) uptimeSeconds(), panel.powerOnState(),
                s == null ? Map.of() : s.settings().toMap());
    }

    private void startMqtt() {
        MqttConfig m = config.mqtt();
        String url = m.url();
        if (m.embedded()) {
            if (portInUse(EmbeddedBroker.DEFAULT_PORT)) {
                url = "tcp://127.0.0.1:" + EmbeddedBroker.DEFAULT_PORT;
                LOG.warn("port {} on 127.0.0.1 is already in use: publishing to the broker listening there instead of "
                        + "starting the embedded one", EmbeddedBroker.DEFAULT_PORT);
            } else {
                broker = new EmbeddedBroker();
                broker.start();
                url = broker.url();
            }
        }
        MqttSettings settings = new MqttSettings(url, m.username().orElse(null), m.password().orElse(null),
                m.deviceId().orElse(MqttSettings.defaultDeviceId()), m.intervalSeconds(), m.discoveryPrefix(),
                m.caFile().orElse(null), m.clientCert().orElse(null), m.clientKey().orElse(null));
        exporter = new MqttExporter(settings, new Commands(), ProtectionSettings.SPECS.stream()
                .filter(spec -> !spec.name().equals("countdown")).toList(), clock);
        exporter.start();
    }

    /** MQTT commands, answered by the control loop. */
    private final class Commands implements CommandHandler {
        @Override
        public CompletionStage<CommandOutcome> handle(io.openkws.export.mqtt.Command command) {
            Controller.Request request = switch (command) {
                case io.openkws.export.mqtt.Command.Relay(boolean on) ->
                        new Controller.Request.UserCommand(on ? Command.RELAY_ON : Command.RELAY_OFF, Source.COMMAND);
                case io.openkws.export.mqtt.Command.Setting(String name, double value) ->
                        new Controller.Request.ChangeSetting(name, value);
                case io.openkws.export.mqtt.Command.Countdown(long seconds) ->
                        new Controller.Request.ChangeSetting("countdown", seconds);
                case io.openkws.export.mqtt.Command.ResetEnergy() ->
                        new Controller.Request.UserCommand(Command.RESET_ENERGY, Source.COMMAND);
                case io.openkws.export.mqtt.Command.ResetLockout() ->
                        new Controller.Request.UserCommand(Command.RESET_LOCKOUT, Source.COMMAND);
                case io.openkws.export.mqtt.Command.PowerOnState(var mode) -> {
                    state.setting(Panel.POWER_ON_STATE, mode.name().toLowerCase(Locale.ROOT));
                    yield null;
                }
            };
            if (request == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(CommandOutcome.accepted());
            }
            return controller.submit(request).thenApply(outcome -> {
                if (outcome.ok() && exporter != null) {
                    exporter.publishState(snapshot(), true);
                }
                return outcome.ok() ? CommandOutcome.accepted() : CommandOutcome.refused(outcome.error());
            });
        }
    }

    /** Stops everything; the relay's contacts stay as they are. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        join(loopThread);
        join(panelThread);
        join(exportThread);
        loopThread = null;
        state.saveNow();
        if (exporter != null) {
            exporter.close();
        }
        if (broker != null) {
            broker.stop();
        }
        parts.close();
        watchdog.ifPresent(Watchdog::close);
        LOG.info("stopped; state saved in {}", config.stateDirectory());
    }

    private static ProtectionSettings withOverrides(ProtectionSettings base, Map<String, String> saved) {
        ProtectionSettings settings = base;
        for (Map.Entry<String, String> e : saved.entrySet()) {
            if (ProtectionSettings.spec(e.getKey()).isEmpty()) {
                continue;
            }
            try {
                SettingResult r = settings.with(e.getKey(), Double.parseDouble(e.getValue()));
                if (r instanceof SettingResult.Applied(ProtectionSettings next)) {
                    settings = next;
                } else {
                    LOG.warn("saved setting {}={} ignored: {}", e.getKey(), e.getValue(), r);
                }
            } catch (NumberFormatException ex) {
                LOG.warn("saved setting {}={} ignored: not a number", e.getKey(), e.getValue());
            }
        }
        return settings;
    }

    private static PowerOnState powerOnOverride(PowerOnState configured, Map<String, String> saved) {
        String value = saved.get(Panel.POWER_ON_STATE);
        if (value == null) {
            return configured;
        }
        try {
            return PowerOnState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warn("saved powerOnState '{}' ignored", value);
            return configured;
        }
    }

    private static boolean portInUse(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleepQuietly(long nanos) {
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The control loop's hooks: energy and run time into the persisted state, watchdog, saving. */
    private static final class LoopHooks implements Controller.Hooks {
        private final DeviceState state;
        private final Optional<Watchdog> watchdog;
        private final Clock clock;
        private final long startNanos;
        private long lastCycleNanos;
        private boolean relayClosed;
        private boolean firstReadingSeen;

        LoopHooks(DeviceState state, Optional<Watchdog> watchdog, Clock clock, long startNanos) {
            this.state = state;
            this.watchdog = watchdog;
            this.clock = clock;
            this.startNanos = startNanos;
            this.lastCycleNanos = startNanos;
        }

        @Override
        public void reading(Reading reading) {
            if (!firstReadingSeen) {
                firstReadingSeen = true;
                LOG.info("first reading after {} ms", (clock.nanoTime() - startNanos) / 1_000_000);
            }
            state.meterEnergy(reading.energyKWh());
        }

        @Override
        public void relayMoved(boolean closed, long nanos) {
            relayClosed = closed;
        }

        @Override
        public void desiredStateChanged(boolean on) {
            state.rememberRelay(on);
        }

        @Override
        public void energyReset() {
            state.energyCleared();
        }

        @Override
        public void settingChanged(String name, double value) {
            state.setting(name, Double.toString(value));
        }

        @Override
        public void factoryReset() {
            state.factoryReset();
        }

        @Override
        public void cycleEnded(long nowNanos, boolean healthy) {
            if (relayClosed) {
                state.addRunTime(nowNanos - lastCycleNanos);
            }
            lastCycleNanos = nowNanos;
            state.maybeSave(nowNanos);
            watchdog.ifPresent(Watchdog::feed);
        }
    }
}
