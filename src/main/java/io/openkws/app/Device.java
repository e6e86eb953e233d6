package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.export.mqtt.MqttFrontEnd;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.driver.tm1622.PinTm1622Bus;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.Tm1622Driver;
import io.openkws.io.sim.board.SimMainsSteps;
import io.openkws.meter.Meter;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SavedSettings;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.Glass;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import io.openkws.time.Clock;
import io.openkws.ui.HumanNumbers;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.SvgRenderer;
import io.openkws.meter.history.HistoryRecorder;
import io.openkws.web.WebConsole;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running meter: a configured board (real or simulated) with its control loop, the device thread behind the
 * {@link DeviceService}, the front panel and LCD, MQTT and the optional hardware watchdog, each on its own thread.
 *
 * <p>Exists to assemble {@code run} from the same parts {@code simulate} uses, protection first: the control loop
 * starts before anything else and drives the relay OFF; the panel and every front-end start after it, and a
 * front-end that cannot start (broker down, TLS refused, bad credentials) is a degraded part, never an exit. If the
 * control loop itself fails (a {@link Throwable} out of a cycle, or a relay coil that cannot be driven) the device
 * fails safe and loud: relay OFF as far as it can, one error line, MQTT {@code status} offline, and a non-zero exit
 * so systemd restarts it. On SIGTERM ({@link #close()}) the LCD shows {@code OFF}, the state is saved, the MQTT
 * status goes offline, the chip is released and the relay's contacts are left as they are.
 */
public final class Device implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Device.class);
    /** How often the panel samples buttons and lets the menu tick. */
    static final long PANEL_PERIOD_NANOS = 10_000_000L;
    /** How often the LCD is redrawn (the delta flush only sends changed nibbles). */
    static final long LCD_PERIOD_NANOS = 100_000_000L;
    /** How often the TM1622 is re-initialised and fully rewritten (ESD, brown-out). */
    static final long LCD_REFRESH_NANOS = 60_000_000_000L;
    /** How often headless mode logs a status line. */
    static final long STATUS_LOG_NANOS = 10_000_000_000L;
    /** How long {@link #start()} waits for the control loop to drive the relay OFF before starting the rest. */
    static final long LOOP_START_NANOS = 5_000_000_000L;
    /** Exit status after a failure of the control loop (sysexits' EX_SOFTWARE). */
    public static final int EXIT_PROTECTION_FAILED = 70;

    private final Clock clock;
    private final Config config;
    private final BoardParts parts;
    private final Controller controller;
    private final DeviceCore core;
    private final DeviceState state;
    private final Panel panel;
    private final SegmentMap segments;
    private final Tm1622Driver lcd;
    private final Optional<Watchdog> watchdog;
    private final long startNanos;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile IntConsumer exit = status -> { };
    private volatile RamImage shown = RamImage.BLANK;
    private final SvgRenderer svg;
    private volatile String shownSvg;
    private volatile RamImage shownSvgOf;
    private MqttFrontEnd exporter;
    private io.openkws.tuyamcu.TuyaMcuBridge tuyaMcu;
    private WebConsole web;
    private volatile boolean running;
    private Thread loopThread;
    private Thread deviceThread;
    private Thread panelThread;
    private boolean closed;
    private boolean lcdReady;
    private long reportedWatchdogFailures;
    private long nextLcdNanos;
    private long nextLcdRefreshNanos;
    /**
     * The frame on the glass and its blink phase: an unchanged frame is not turned into segments again (most of
     * the panel's garbage); the TM1622's full refresh rewrites the RAM image the driver keeps.
     */
    private LcdFrame drawnFrame;
    private boolean drawnBlinkOn;

    private Device(Clock clock, Config config, BoardParts parts, Controller controller, DeviceCore core,
                   DeviceState state, SegmentMap segments, Tm1622Driver lcd, Optional<Watchdog> watchdog,
                   long startNanos) {
        this.clock = clock;
        this.config = config;
        this.parts = parts;
        this.controller = controller;
        this.core = core;
        this.state = state;
        this.segments = segments;
        this.lcd = lcd;
        this.watchdog = watchdog;
        this.startNanos = startNanos;
        this.panel = new Panel(segments, core, startNanos);
        this.svg = new SvgRenderer(segments);
        core.onFatal(reason -> failSafe("relay coil failure: " + reason, null));
    }

    /** Builds the device for {@code config} on the wall clock; nothing runs until {@link #start()}. */
    public static Device build(Config config, Clock clock) {
        BoardSpec board = BoardSpec.load(config.board());
        BoardParts parts = board.simulated()
                ? BoardParts.simulated(board, clock, ChipSetup.load(board).withBoardNoise(board),
                        board.simulation().orElseThrow().chipUpdatePeriodNanos(), System.nanoTime())
                : BoardParts.real(board, clock);
        parts.simulation().ifPresent(sim -> {
            sim.mains().setVoltageV(230.0);
            sim.mains().setCurrentA(2.0);
            sim.mains().setPowerFactor(0.95);
            sim.mains().setFrequencyHz(50.0);
            SimMainsSteps.start(sim.mains(), board.simulation().orElseThrow().mainsSteps(), clock);
        });
        return assemble(config, clock, parts, LocalDate::now);
    }

    /**
     * Assembles the device on {@code parts}: state loaded from {@code config.stateDirectory()}, saved settings
     * applied over the configured ones, control loop, device service, panel and LCD driver. Nothing runs:
     * {@link #start()} starts the threads, or a virtual-time harness drives {@link #step()} and {@link #panelPass}.
     * Public for harnesses that build their own parts (the bench).
     */
    public static Device assemble(Config config, Clock clock, BoardParts parts, Supplier<LocalDate> today) {
        BoardSpec board = parts.spec();
        ChipSetup chip = ChipSetup.load(board);
        SegmentMap segments = SegmentMap.load(board.lcdSegmentsFile());

        StateStore store = new StateStore(config.stateDirectory());
        StateStore.Loaded loaded = store.load(today.get());
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        SavedSettings saved = SavedSettings.apply(config.protection(), config.powerOnState(),
                List.of(Panel.SCREEN_TIMEOUT_MINUTES), loaded.state().settings());
        saved.warnings().forEach(w -> LOG.warn("{}", w));
        PersistedState persisted = loaded.state().withSettings(saved.kept());
        ProtectionSettings settings = saved.protection();
        PowerOnState powerOn = saved.powerOnState();

        long start = clock.nanoTime();
        Meter meter = new Meter(parts.meterChip(chip, clock), clock);
        meter.setEnergyKWh(0);
        ProtectionEngine engine = new ProtectionEngine(settings, powerOn, persisted.relayOn());
        DeviceState state = new DeviceState(Optional.of(store), persisted, today, start);
        if (saved.droppedAny()) {
            state.forceSave();
        }
        Optional<Watchdog> watchdog = config.watchdog().map(Watchdog::open);
        DeviceInfo info = new DeviceInfo(version(), board.name(), board.meter().chip().name().toLowerCase(Locale.ROOT),
                chip.profileName(), board.hasLcd(), DeviceInfo.runTimeSettings());

        Device[] self = new Device[1];
        DeviceCore[] core = new DeviceCore[1];
        Controller controller = new Controller(clock, meter, engine, parts.relay(), event -> core[0].offerEvent(event),
                new LoopHooks(() -> core[0], watchdog), config.protection(), board.relay().weldedCurrentA());
        core[0] = new DeviceCore(controller, state, info, clock, start, settings, config.powerOnState(),
                (int) config.display().screenTimeoutMinutes(), Optional.of(parts.virtualButtons()),
                () -> self[0].glass());
        // A simulated board without an LCD still drives the simulated glass: the terminal draws the menu model there.
        Tm1622Driver lcd = !board.hasLcd() && !board.simulated() ? null : new Tm1622Driver(new PinTm1622Bus(
                parts.lcdLines().cs(), parts.lcdLines().wr(),
                parts.lcdLines().data(), clock), parts.lcdLines().halfPeriodNanos());
        self[0] = new Device(clock, config, parts, controller, core[0], state, segments, lcd, watchdog, start);
        return self[0];
    }

    /** The openkws version from the jar manifest ({@code dev} when run from classes). */
    static String version() {
        String v = Device.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Who ends the process after a failure of the control loop ({@code run}: {@link System#exit}). */
    public void onExit(IntConsumer exitHandler) {
        this.exit = exitHandler;
    }

    /**
     * Starts the control loop first and waits until it has driven the relay OFF; then opens the energy history
     * (SQLite: never before the relay is safe), starts the device thread, the panel and the front-ends (MQTT,
     * TuyaMCU, web). A front-end that fails to start is logged and reported as degraded:
     * protection runs whatever happens to them.
     */
    public void start() {
        running = true;
        loopThread = thread("openkws-control", this::loop, false);
        loopThread.setPriority(Thread.MAX_PRIORITY);
        loopThread.start();
        long deadline = clock.nanoTime() + LOOP_START_NANOS;
        while (controller.status() == null && clock.nanoTime() - deadline < 0 && !failed.get()) {
            sleepQuietly(1_000_000L);
        }
        try {
            core.recordHistory(HistoryRecorder.open(config.stateDirectory(), config.history(), ZoneId.systemDefault(),
                    () -> state.durable().energyKWh(), w -> LOG.warn("{}", w)), System::currentTimeMillis);
        } catch (RuntimeException e) {
            core.reportHealth("history", oneLine(e));
        }
        deviceThread = thread("openkws-device", core::runUntilInterrupted, true);
        deviceThread.start();
        panelThread = thread("openkws-panel", this::panelLoop, true);
        panelThread.start();
        try {
            startMqtt();
        } catch (RuntimeException e) {
            core.reportHealth("mqtt", oneLine(e));
        }
        try {
            tuyaMcu = io.openkws.tuyamcu.TuyaMcuBridge.start(core, config.tuyamcu(), clock);
        } catch (RuntimeException e) {
            core.reportHealth(io.openkws.tuyamcu.TuyaMcuBridge.PART, oneLine(e));
        }
        try {
            web = WebConsole.start(core, config.web(), core.history().map(h -> new StoredHistory(h.store(),
                    java.time.Clock.systemDefaultZone(), ZoneId.systemDefault())), clock);
        } catch (RuntimeException e) {
            core.reportHealth("web", oneLine(e));
        }
    }

    /** The device service every front-end talks to. */
    public DeviceService service() {
        return core;
    }

    /**
     * Events of the controller (relay, trip, refused, lockout, alarm), delivered on the device thread after the
     * relay has moved: keep listeners quick (they only delay other listeners, never protection).
     */
    public void addEventListener(Consumer<Event> listener) {
        core.subscribe(Runnable::run, e -> {
            if (e instanceof DeviceEvent.Logged(Event event)) {
                listener.accept(event);
            }
        });
    }

    /** The front panel (tests reach it to make it misbehave). */
    Panel panel() {
        return panel;
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

    public Optional<MqttFrontEnd> exporter() {
        return Optional.ofNullable(exporter);
    }

    /**
     * The MQTT link as another front-end may show it, {@code "connected"}, {@code "offline"} or {@code "off"} (not
     * configured), so the terminal console need not import MQTT's types.
     */
    public String mqttStatus() {
        MqttFrontEnd e = exporter;
        return e == null ? "off" : e.connected() ? "connected" : "offline";
    }

    /**
     * One control cycle followed by one round of the device thread's work, on the calling thread: how a
     * virtual-time harness runs the device.
     */
    void step() {
        controller.cycle();
        core.pass(clock.nanoTime());
    }

    /**
     * Headless mode (systemd, no terminal): logs a status line every {@link #STATUS_LOG_NANOS} until the device
     * is closed (SIGTERM runs {@link #close()} from the shutdown hook).
     */
    public void logStatusUntilStopped() throws InterruptedException {
        while (running) {
            clock.sleepNanos(STATUS_LOG_NANOS);
            if (!running) {
                return;
            }
            LOG.info("status: {}", statusLine(core.view()));
        }
    }

    /** One line for people: reading, relay, protection state, faults, alarms, energy. */
    static String statusLine(DeviceView v) {
        DeviceView.Measurement r = v.reading();
        return String.format(Locale.ROOT, "%s relay %s state %s faults %s%s energy %.4f kWh%s",
                r == null ? "no reading" : HumanNumbers.statusReading(r.voltageV(), r.currentA(), r.powerW(),
                        r.frequencyHz()),
                v.relayClosed() ? "on" : "off", v.protection().name().toLowerCase(Locale.ROOT), v.faults(),
                v.alarms().isEmpty() ? "" : " alarms " + v.alarms(), v.totals().liveEnergyKWh(),
                v.degraded().isEmpty() ? "" : " degraded " + v.degraded());
    }

    /** Seconds since the device started. */
    public double uptimeSeconds() {
        return (clock.nanoTime() - startNanos) / 1e9;
    }

    private void loop() {
        try {
            controller.start();
            while (running) {
                controller.cycle();
            }
        } catch (Throwable t) {
            failSafe("control loop failed: " + oneLine(t), t);
        }
    }

    /**
     * The control loop can no longer protect: relay OFF as far as the hardware lets us, one error line, front-ends
     * told, and the process ends non-zero so systemd restarts it (the power-on policy then applies).
     */
    void failSafe(String reason, Throwable cause) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        try {
            parts.relay().emergencyOpen();
        } catch (Throwable ignored) {
            // nothing more can be done for the contacts from here
        }
        LOG.error("protection stopped: {}; relay driven OFF, exiting for a restart", reason);
        core.reportHealth("control", reason);
        panel.stop();
        try {
            closeFrontEnds();
        } catch (Throwable ignored) {
            // exiting anyway
        }
        exit.accept(EXIT_PROTECTION_FAILED);
    }

    /** Whether the control loop failed (see {@link #failSafe}). */
    public boolean failed() {
        return failed.get();
    }

    private void panelLoop() {
        while (running && controller.status() == null) {
            sleepQuietly(PANEL_PERIOD_NANOS);
        }
        while (running) {
            try {
                checkWatchdog();
                panelPass(clock.nanoTime());
                clock.sleepNanos(PANEL_PERIOD_NANOS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("panel: {}", oneLine(e));
                sleepQuietly(1_000_000_000L);
            }
        }
    }

    /** Reports feeds of the hardware watchdog that failed (counted on the control thread, told from here). */
    private void checkWatchdog() {
        if (watchdog.isEmpty()) {
            return;
        }
        Watchdog w = watchdog.get();
        long failed = w.failedFeeds();
        if (failed != reportedWatchdogFailures) {
            reportedWatchdogFailures = failed;
            core.reportHealth("watchdog", "feeding " + failed + " times failed: " + w.lastFailure());
        }
    }

    /**
     * One pass of the panel task (every {@link #PANEL_PERIOD_NANOS}, after the controller has started): button
     * gestures to the panel, the menu's timeout, and every {@link #LCD_PERIOD_NANOS} the LCD redrawn through the
     * TM1622 driver (fully re-initialised every {@link #LCD_REFRESH_NANOS}).
     */
    void panelPass(long nowNanos) {
        List<ButtonEvent> events = parts.buttons().poll(nowNanos);
        for (int i = 0; i < events.size(); i++) {
            panel.button(events.get(i), nowNanos);
        }
        panel.tick(nowNanos);
        if (lcd == null || lcdReady && nowNanos - nextLcdNanos < 0) {
            return;
        }
        drawLcd(nowNanos);
    }

    private void drawLcd(long nowNanos) {
        if (!lcdReady || nowNanos - nextLcdRefreshNanos >= 0) {
            lcd.refresh();
            lcdReady = true;
            nextLcdRefreshNanos = nowNanos + LCD_REFRESH_NANOS;
        }
        boolean blinkOn = ((nowNanos - startNanos) / 500_000_000L) % 2 == 0;
        LcdFrame frame = panel.frame(nowNanos);
        if (!frame.equals(drawnFrame) || !frame.blinking().isEmpty() && blinkOn != drawnBlinkOn) {
            RamImage image = frame.toRam(segments, blinkOn);
            lcd.show(image);
            lcd.flush();
            shown = image;
            drawnFrame = frame;
            drawnBlinkOn = blinkOn;
        }
        nextLcdNanos = nowNanos + LCD_PERIOD_NANOS;
    }

    /** What the LCD shows (the RAM image last flushed to the TM1622), drawn with the board's segment map. */
    Optional<Glass> glass() {
        RamImage image = shown;
        String drawn = shownSvg;
        if (drawn == null || shownSvgOf != image) {
            drawn = svg.render(image);
            shownSvg = drawn;
            shownSvgOf = image;
        }
        return Optional.of(new Glass(image, drawn));
    }

    private void startMqtt() {
        exporter = MqttFrontEnd.start(core, config.mqtt(), clock);
    }

    /** Stops everything; the LCD shows OFF, the relay's contacts stay as they are. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        panel.stop();
        join(loopThread);
        join(panelThread);
        join(deviceThread);
        loopThread = null;
        try {
            if (lcd != null) {
                drawLcd(clock.nanoTime());
            }
        } catch (RuntimeException e) {
            LOG.warn("LCD: {}", oneLine(e));
        }
        state.saveNow();
        core.history().ifPresent(h -> {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.warn("history: {}", oneLine(e));
            }
        });
        closeFrontEnds();
        parts.close();
        watchdog.ifPresent(Watchdog::close);
        LOG.info("stopped; state saved in {}", config.stateDirectory());
    }

    private void closeFrontEnds() {
        if (web != null) {
            web.close();
        }
        if (tuyaMcu != null) {
            tuyaMcu.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }


    /** A thread whose uncaught failure is logged once with its name (no openkws thread dies silently). */
    static Thread thread(String name, Runnable body, boolean daemon) {
        Thread t = new Thread(body, name);
        t.setDaemon(daemon);
        t.setUncaughtExceptionHandler((th, e) ->
                LOG.error("thread {} died: {}", th.getName(), oneLine(e)));
        return t;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
        text = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
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

    /**
     * The control loop's hooks: hand everything to the device core (queues only) and feed the watchdog after
     * every completed cycle.
     */
    private static final class LoopHooks implements Controller.Hooks {
        private final Supplier<DeviceCore> core;
        private final Optional<Watchdog> watchdog;

        LoopHooks(Supplier<DeviceCore> core, Optional<Watchdog> watchdog) {
            this.core = core;
            this.watchdog = watchdog;
        }

        @Override
        public void answered(CompletableFuture<io.openkws.service.Outcome> answer, io.openkws.service.Outcome outcome,
                             List<Controller.Change> changes) {
            core.get().answered(answer, outcome, changes);
        }

        @Override
        public void changed(Controller.Change change) {
            core.get().changed(change);
        }

        @Override
        public void coilFailed(String reason) {
            core.get().coilFailed(reason);
        }

        /** The device reads {@link Controller#status()}: no reading record per cycle. */
        @Override
        public boolean wantsReadings() {
            return false;
        }

        @Override
        public void cycleEnded(long nowNanos, boolean healthy) {
            watchdog.ifPresent(Watchdog::feed);
        }
    }
}
