package io.openkws.app;

import io.openkws.meter.Reading;
import io.openkws.protect.Command;
import io.openkws.protect.Event;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.SettingSpec;
import io.openkws.protect.Source;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.Glass;
import io.openkws.service.NetworkIndicator;
import io.openkws.service.Outcome;
import io.openkws.store.PersistedState;
import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's side of the {@link DeviceService}: turns front-end commands into control-loop requests, and does on
 * its own thread ({@code openkws-device}) everything the loop must not do — logging events, persisting, counting
 * energy and run time into the totals, logging read failures at a bounded rate, fanning events out to subscribers.
 *
 * <p>Exists so the control loop only ever hands things over: events into a bounded queue that drops the oldest
 * (and counts the drops) rather than wait, answers and changes into a queue bounded by the loop's own inbox. A
 * command's answer is given from here, after the change it made is on disk. One {@link #pass(long)} does a round
 * of that work: the device thread calls it in a loop; virtual-time harnesses call it after every cycle.
 */
public final class DeviceCore implements DeviceService, Controller.Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCore.class);
    /** Events the loop may have handed over and not yet dispatched before the oldest is dropped. */
    static final int EVENT_QUEUE = 1024;
    /** Shortest time between two log lines about failing meter reads (the count says how many there were). */
    static final long READ_FAILURE_LOG_NANOS = 60_000_000_000L;
    /** How long the device thread sleeps when there is nothing to do. */
    static final long IDLE_NANOS = 20_000_000L;
    static final String POWER_ON_STATE = "powerOnState";

    private final Controller controller;
    private final DeviceState state;
    private final DeviceInfo info;
    private final Clock clock;
    private final long startNanos;
    private final PowerOnState configuredPowerOn;
    private final io.openkws.protect.ProtectionSettings initialSettings;
    private final int configuredScreenTimeout;
    private final Optional<VirtualButtons> buttons;
    private final Supplier<Optional<Glass>> glass;
    private final ArrayBlockingQueue<Event> events = new ArrayBlockingQueue<>(EVENT_QUEUE);
    private final ConcurrentLinkedQueue<Object> notices = new ConcurrentLinkedQueue<>();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, String> health = new ConcurrentHashMap<>();
    private volatile NetworkIndicator network = NetworkIndicator.OFF;
    private volatile Consumer<String> fatal = reason -> { };
    private Optional<io.openkws.meter.history.HistoryRecorder> history = Optional.empty();
    private java.util.function.LongSupplier epochMillis = System::currentTimeMillis;
    private long lastHistoryReadingNanos = Long.MIN_VALUE;
    private long nextHistoryTickNanos = Long.MIN_VALUE;
    private boolean historyWarned;
    private volatile Thread worker;
    private long reportedDrops;
    private long loggedFailures;
    private boolean announcedRelayClosed;
    private long lastFailureLogNanos = Long.MIN_VALUE;
    private long lastClosedNanos;
    private boolean firstReadingLogged;
    private final List<Event> batch = new ArrayList<>();

    private record Answered(CompletableFuture<Outcome> answer, Outcome outcome, List<Controller.Change> changes) {
    }

    private record Complete(CompletableFuture<Outcome> answer, Outcome outcome) {
    }

    private record Fatal(String reason) {
    }

    private final class Subscriber implements Subscription {
        final Executor executor;
        final Consumer<DeviceEvent> listener;
        volatile boolean active = true;
        boolean warned;

        Subscriber(Executor executor, Consumer<DeviceEvent> listener) {
            this.executor = executor;
            this.listener = listener;
        }

        void deliver(DeviceEvent event) {
            if (!active) {
                return;
            }
            try {
                executor.execute(() -> {
                    if (!active) {
                        return;
                    }
                    try {
                        listener.accept(event);
                    } catch (VirtualMachineError e) {
                        throw e;
                    } catch (Throwable e) {
                        if (!warned) {
                            warned = true;
                            LOG.warn("event subscriber failed (it keeps receiving; logged once): {}",
                                    Device.oneLine(e));
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                droppedEvents.incrementAndGet();
            }
        }

        @Override
        public void close() {
            active = false;
            subscribers.remove(this);
        }
    }

    /**
     * @param buttons the virtual front panel (empty on a board without buttons)
     * @param glass   what the LCD shows now (empty on a board without one)
     */
    DeviceCore(Controller controller, DeviceState state, DeviceInfo info, Clock clock, long startNanos,
               io.openkws.protect.ProtectionSettings initialSettings, PowerOnState configuredPowerOn,
               int configuredScreenTimeout, Optional<VirtualButtons> buttons, Supplier<Optional<Glass>> glass) {
        this.initialSettings = initialSettings;
        this.controller = controller;
        this.state = state;
        this.info = info;
        this.clock = clock;
        this.startNanos = startNanos;
        this.configuredPowerOn = configuredPowerOn;
        this.configuredScreenTimeout = configuredScreenTimeout;
        this.buttons = buttons;
        this.glass = glass;
    }

    /** Who is told when the device can no longer protect (a coil that fails): {@code run} exits non-zero. */
    void onFatal(Consumer<String> handler) {
        this.fatal = handler;
    }

    /**
     * Records the energy history from now on (on the device thread: readings, events, hours closing), stamped with
     * {@code epochMillis} (wall-clock time).
     */
    void recordHistory(io.openkws.meter.history.HistoryRecorder recorder, java.util.function.LongSupplier epochMillis) {
        this.history = Optional.of(recorder);
        this.epochMillis = epochMillis;
    }

    /** The history being recorded, if any (for front-ends that show it). */
    Optional<io.openkws.meter.history.HistoryRecorder> history() {
        return history;
    }

    /** The events consumer handed to the control loop: never blocks, drops the oldest when full. */
    void offerEvent(Event event) {
        while (!events.offer(event)) {
            if (events.poll() != null) {
                droppedEvents.incrementAndGet();
            }
        }
        wake();
    }

    // --- Controller.Hooks (loop thread: hand over only) ---

    @Override
    public void answered(CompletableFuture<Outcome> answer, Outcome outcome, List<Controller.Change> changes) {
        notices.add(new Answered(answer, outcome, changes));
        wake();
    }

    @Override
    public void changed(Controller.Change change) {
        notices.add(change);
        wake();
    }

    @Override
    public void coilFailed(String reason) {
        notices.add(new Fatal(reason));
        wake();
    }

    private void wake() {
        Thread w = worker;
        if (w != null) {
            java.util.concurrent.locks.LockSupport.unpark(w);
        }
    }

    // --- the device thread ---

    /** Runs {@link #pass} until interrupted; the body of the {@code openkws-device} thread. */
    void runUntilInterrupted() {
        worker = Thread.currentThread();
        try {
            io.openkws.protect.ProtectionEngine.warmUp();
            io.openkws.service.EventJson.warmUp();
        } catch (RuntimeException e) {
            LOG.warn("protection warm-up failed (protection unaffected): {}", Device.oneLine(e));
        }
        while (!Thread.currentThread().isInterrupted()) {
            pass(clock.nanoTime());
            java.util.concurrent.locks.LockSupport.parkNanos(IDLE_NANOS);
        }
        pass(clock.nanoTime());
    }

    /**
     * One round of the device thread's work: answers and changes (persisted, then answered), events (logged,
     * published, saved on trips), energy and run time into the totals, read failures logged at a bounded rate,
     * the periodic save.
     */
    void pass(long nowNanos) {
        boolean changedView = drainNotices(nowNanos);
        batch.clear();
        events.drainTo(batch);
        for (Event e : batch) {
            LOG.info("event {}", io.openkws.service.EventJson.line(e));
            if (e instanceof Event.Trip || e instanceof Event.Lockout || e instanceof Event.AlarmRaised) {
                state.forceSave();
            }
            historyEvent(e);
            DeviceEvent.Logged logged = new DeviceEvent.Logged(e);
            for (Subscriber s : subscribers) {
                s.deliver(logged);
            }
        }
        Controller.Status status = controller.status();
        if (status != null && status.relayClosed() != announcedRelayClosed) {
            changedView = true;             // the contacts' tracked state follows the relay event after the pulse
            announcedRelayClosed = status.relayClosed();
        }
        if (status != null) {
            account(status);
            logReadFailures(status, nowNanos);
            historyReading(status, nowNanos);
        }
        long drops = droppedEvents.get();
        if (drops != reportedDrops) {
            LOG.warn("{} events dropped: the event queue or a subscriber fell behind (protection unaffected)",
                    drops - reportedDrops);
            DeviceEvent.Dropped dropped = new DeviceEvent.Dropped(drops - reportedDrops);
            reportedDrops = drops;
            for (Subscriber s : subscribers) {
                s.deliver(dropped);
            }
        }
        if ((changedView || !batch.isEmpty()) && !subscribers.isEmpty()) {
            DeviceEvent.Changed changed = new DeviceEvent.Changed(view());
            for (Subscriber s : subscribers) {
                s.deliver(changed);
            }
        }
        state.maybeSave(nowNanos);
    }

    private boolean drainNotices(long nowNanos) {
        boolean any = false;
        Object notice;
        while ((notice = notices.poll()) != null) {
            any = true;
            switch (notice) {
                case Answered(CompletableFuture<Outcome> answer, Outcome outcome, List<Controller.Change> changes) -> {
                    if (changes.isEmpty()) {
                        answer.complete(outcome);
                    } else {
                        changes.forEach(this::apply);
                        state.saveSoon(nowNanos).thenAccept(saved -> {
                            notices.add(new Complete(answer, saved ? outcome : Outcome.refused(
                                    "applied, but not saved: the state directory is not writable (see the log)")));
                            wake();
                        });
                    }
                }
                case Complete(CompletableFuture<Outcome> answer, Outcome outcome) -> answer.complete(outcome);
                case Controller.Change change -> {
                    apply(change);
                    state.forceSave();
                }
                case Fatal(String reason) -> fatal.accept(reason);
                default -> throw new IllegalStateException("unknown notice " + notice);
            }
        }
        return any;
    }

    private void apply(Controller.Change change) {
        switch (change) {
            case Controller.Change.Setting(String name, String value) -> state.setting(name, value);
            case Controller.Change.EnergyReset() -> state.energyCleared();
            case Controller.Change.RunTimeReset() -> state.runTimeCleared();
            case Controller.Change.FactoryReset() -> state.factoryReset();
            case Controller.Change.RelayMemory(boolean on) -> state.rememberRelay(on);
        }
    }

    private void historyReading(Controller.Status status, long nowNanos) {
        if (history.isEmpty()) {
            return;
        }
        try {
            Reading r = status.reading();
            if (r != null && r.timestampNanos() != lastHistoryReadingNanos) {
                lastHistoryReadingNanos = r.timestampNanos();
                history.get().record(new io.openkws.meter.history.HistorySample(epochMillis.getAsLong(), r.voltageV(),
                        r.powerW(), status.relayClosed(), state.snapshot().energyKWh()));
            }
            if (nextHistoryTickNanos == Long.MIN_VALUE || nowNanos - nextHistoryTickNanos >= 0) {
                nextHistoryTickNanos = nowNanos + 60_000_000_000L;
                history.get().tick(epochMillis.getAsLong());
            }
        } catch (RuntimeException e) {
            historyFailed(e);
        }
    }

    private void historyEvent(Event e) {
        if (history.isEmpty() || e instanceof Event.Reading) {
            return;
        }
        String type = switch (e) {
            case Event.Relay r -> "relay";
            case Event.Trip t -> "trip";
            case Event.Lockout l -> "lockout";
            case Event.Refused r -> "refused";
            case Event.AlarmRaised a -> "alarm";
            case Event.AlarmCleared a -> "alarm";
            case Event.Reading r -> "reading";
        };
        try {
            history.get().event(new io.openkws.meter.history.HistoryEvent(epochMillis.getAsLong(), type, io.openkws.service.EventJson.line(e)));
        } catch (RuntimeException ex) {
            historyFailed(ex);
        }
    }

    private void historyFailed(RuntimeException e) {
        if (!historyWarned) {
            historyWarned = true;
            LOG.warn("history: {} (protection and totals unaffected; logged once)", Device.oneLine(e));
        }
    }

    private void account(Controller.Status status) {
        Reading r = status.reading();
        if (r != null) {
            state.meterEnergy(r.energyKWh());
            if (!firstReadingLogged) {
                firstReadingLogged = true;
                LOG.info("first reading after {} ms (clock {} ns)", (r.timestampNanos() - startNanos) / 1_000_000,
                        r.timestampNanos());
            }
        }
        long closed = status.relayClosedNanos();
        if (closed > lastClosedNanos) {
            state.addRunTime(closed - lastClosedNanos);
        }
        lastClosedNanos = closed;
    }

    private void logReadFailures(Controller.Status status, long nowNanos) {
        long failures = status.readFailures();
        if (failures == loggedFailures) {
            return;
        }
        if (lastFailureLogNanos != Long.MIN_VALUE && nowNanos - lastFailureLogNanos < READ_FAILURE_LOG_NANOS) {
            return;
        }
        long count = failures - loggedFailures;
        if (lastFailureLogNanos == Long.MIN_VALUE || count == 1) {
            LOG.warn("meter read failed: {}", status.lastReadFailure());
        } else {
            LOG.warn("meter read failed {} times in the last {} s, last: {}", count,
                    (nowNanos - lastFailureLogNanos) / 1_000_000_000L, status.lastReadFailure());
        }
        loggedFailures = failures;
        lastFailureLogNanos = nowNanos;
    }

    // --- DeviceService ---

    @Override
    public DeviceView view() {
        Controller.Status s = controller.status();
        PersistedState live = state.snapshot();
        PersistedState durable = state.durable();
        Reading r = s == null ? null : s.reading();
        long now = clock.nanoTime();
        DeviceView.Measurement m = r == null ? null : new DeviceView.Measurement(r.voltageV(), r.currentA(),
                r.powerW(), r.apparentPowerVA(), r.reactivePowerVar(), r.powerFactor(), r.frequencyHz(),
                Math.max(0, (now - r.timestampNanos()) / 1_000_000));
        DeviceView.Totals totals = new DeviceView.Totals(durable.energyKWh(), durable.energyTodayKWh(),
                durable.energyYesterdayKWh(), durable.energyThisMonthKWh(), durable.energyLastMonthKWh(),
                live.runTimeSeconds(), Math.max(0, live.energyKWh() - durable.energyKWh()));
        Map<String, String> degraded = new TreeMap<>(health);
        if (s != null && !s.meterRunning()) {
            degraded.put("meter", s.lastReadFailure() == null ? "not answering" : s.lastReadFailure());
        }
        if (state.saveFailing()) {
            degraded.put("state", "the state directory is not writable");
        }
        if (s == null) {
            return new DeviceView(null, totals, false, false, io.openkws.protect.ProtectionEngine.State.OFF,
                    java.util.Set.of(), java.util.Set.of(), controllerSettings(), powerOnState(live),
                    screenTimeout(live), 0, 0, seconds(now - startNanos), 0, false, network, degraded);
        }
        return new DeviceView(m, totals, s.relayClosed(), s.desiredOn(), s.state(), s.faults(), s.alarms(),
                s.settings(), powerOnState(live), screenTimeout(live), ceilSeconds(s.countdownRemainingNanos()),
                ceilSeconds(s.autoCloseRemainingNanos()), seconds(now - startNanos), s.badFrames(), s.meterRunning(),
                network, degraded);
    }

    private io.openkws.protect.ProtectionSettings controllerSettings() {
        return initialSettings;
    }

    @Override
    public CompletionStage<Outcome> execute(DeviceCommand command) {
        return execute(command, Source.COMMAND);
    }

    /** {@link #execute(DeviceCommand)} with the relay event's cause: {@link Source#BUTTON} for the board's panel. */
    CompletableFuture<Outcome> execute(DeviceCommand command, Source source) {
        if (command instanceof DeviceCommand.ChangeSetting(String name, double value)
                && name.equals(DeviceInfo.SCREEN_TIMEOUT.name())) {
            Optional<String> problem = screenTimeoutProblem(value);
            if (problem.isPresent()) {
                return CompletableFuture.completedFuture(Outcome.refused(problem.get()));
            }
        }
        Controller.Request request = switch (command) {
            case DeviceCommand.Relay(boolean on) ->
                    new Controller.Request.UserCommand(on ? Command.RELAY_ON : Command.RELAY_OFF, source);
            case DeviceCommand.ToggleRelay() -> new Controller.Request.ToggleRelay(source);
            case DeviceCommand.ChangeSetting(String name, double value) -> {
                if (name.equals(DeviceInfo.SCREEN_TIMEOUT.name())) {
                    yield new Controller.Request.DeviceChange(
                            new Controller.Change.Setting(name, Integer.toString((int) value)));
                }
                yield new Controller.Request.ChangeSetting(name, value);
            }
            case DeviceCommand.SetPowerOnState(PowerOnState s) ->
                    new Controller.Request.DeviceChange(new Controller.Change.Setting(POWER_ON_STATE, s.wire()));
            case DeviceCommand.ResetEnergy() -> new Controller.Request.UserCommand(Command.RESET_ENERGY, source);
            case DeviceCommand.ResetRunTime() -> new Controller.Request.DeviceChange(new Controller.Change.RunTimeReset());
            case DeviceCommand.ResetLockout() -> new Controller.Request.UserCommand(Command.RESET_LOCKOUT, source);
            case DeviceCommand.FactoryReset() -> new Controller.Request.FactoryReset();
            case DeviceCommand.PressButton(io.openkws.driver.button.Button button, boolean down) -> {
                if (buttons.isEmpty()) {
                    yield null;
                }
                buttons.get().set(button, down);
                yield null;
            }
        };
        if (request == null) {
            return CompletableFuture.completedFuture(buttons.isPresent() ? Outcome.accepted()
                    : Outcome.refused("this board has no front panel"));
        }
        return controller.submit(request);
    }

    /** Why {@code value} is not a screen timeout (same wording as the protection settings' range errors). */
    private static Optional<String> screenTimeoutProblem(double value) {
        SettingSpec spec = DeviceInfo.SCREEN_TIMEOUT;
        String name = spec.name();
        if (!spec.accepts(value)) {
            return Optional.of(name + ": " + Event.number(value) + " is out of range (" + (long) spec.min() + " to "
                    + (long) spec.max() + " " + spec.unit() + ")");
        }
        if (value != Math.rint(value)) {
            return Optional.of(name + ": " + Event.number(value) + " is not a whole number");
        }
        return Optional.empty();
    }

    /**
     * Sizes of what this core holds that could grow over a long run (queued events and notices, subscribers,
     * health entries), by name: for the soak bench.
     */
    Map<String, Integer> growableSizes() {
        return Map.of("device.events", events.size(), "device.notices", notices.size(),
                "device.subscribers", subscribers.size(), "device.health", health.size());
    }

    @Override
    public Subscription subscribe(Executor executor, Consumer<DeviceEvent> listener) {
        Subscriber s = new Subscriber(executor, listener);
        subscribers.add(s);
        return s;
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Optional<Glass> glass() {
        return glass.get();
    }

    @Override
    public void reportHealth(String part, String problem) {
        String before = problem == null ? health.remove(part) : health.put(part, problem);
        if (problem == null ? before != null : !problem.equals(before)) {
            if (problem == null) {
                LOG.info("{}: working again", part);
            } else {
                LOG.warn("{}: {} (protection unaffected; retrying)", part, problem);
            }
        }
    }

    @Override
    public void showNetwork(NetworkIndicator indicator) {
        network = indicator;
    }

    /** The power-on state in force: changed on the device or remotely, else the configured one. */
    PowerOnState powerOnState(PersistedState persisted) {
        String value = persisted.settings().get(POWER_ON_STATE);
        if (value != null) {
            try {
                return PowerOnState.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return configuredPowerOn;
            }
        }
        return configuredPowerOn;
    }

    int screenTimeout(PersistedState persisted) {
        String value = persisted.settings().get(DeviceInfo.SCREEN_TIMEOUT.name());
        try {
            return value == null ? configuredScreenTimeout : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return configuredScreenTimeout;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
