package io.openkws.app;

import io.openkws.driver.relay.LatchingRelay;
import io.openkws.driver.relay.RelayListener;
import io.openkws.meter.Measurement;
import io.openkws.meter.Meter;
import io.openkws.meter.MeterException;
import io.openkws.meter.Reading;
import io.openkws.protect.Alarm;
import io.openkws.protect.Cause;
import io.openkws.protect.Command;
import io.openkws.protect.Decision;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingResult;
import io.openkws.protect.Source;
import io.openkws.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import io.openkws.service.Outcome;

/**
 * The control loop: owns the HT7017 (through the {@link Meter}), the {@link ProtectionEngine} and the relay.
 *
 * <p>Exists so that a reading goes from the chip to the relay with nothing in between that can wait: one
 * {@link #cycle()} polls the meter (Rms_U, Rms_I1 and PowerP1 every cycle, one slow register in turn), feeds the
 * engine and executes its decisions at once. Everything else (buttons, display, MQTT, persistence) talks to the
 * loop through {@link #submit} and reads {@link #status()}; none of it can delay a trip. The same loop runs on a
 * Pi, on the simulated board in real time ({@code run}) and in virtual time ({@code simulate}).
 *
 * <p>A meter that cannot be started or read leaves the engine ticking without readings, so METER_LOST opens the
 * relay after {@code meterTimeout}; the loop keeps trying to (re)start the chip every {@link #RESTART_NANOS}.
 *
 * <p>Protection first: within a cycle every relay decision is carried out before any event about it is handed
 * on, and the loop itself never logs, writes files or calls a front-end. Events go to an {@code events} consumer
 * and everything else to {@link Hooks}; both must return at once (the device puts them on bounded queues). Read
 * failures are counted in the {@link Status} for someone else to log. The meter sits in series with the relay, so
 * the loop also checks the relay: current above {@code weldedCurrentA} more than {@link #WELDED_NANOS} after an OFF
 * pulse raises {@link Alarm#RELAY_WELDED} (the OFF pulse is repeated every {@link #WELDED_RETRY_NANOS} until the
 * current stops), and a coil write that fails raises {@link Alarm#COIL_FAILURE} and tells {@link Hooks#coilFailed}.
 */
public final class Controller {

    /** How often a meter that failed to start is tried again. */
    static final long RESTART_NANOS = 2_000_000_000L;
    /** Idle wait of a cycle without a meter (the serial reads pace a cycle otherwise). */
    static final long IDLE_CYCLE_NANOS = 50_000_000L;
    /** How long after an OFF pulse started current may still flow before the contacts count as welded. */
    public static final long WELDED_NANOS = 1_000_000_000L;
    /** How often the OFF pulse is repeated while the contacts stay welded, and a failed coil is retried. */
    static final long WELDED_RETRY_NANOS = 1_000_000_000L;
    /** Current above which contacts that should be open count as welded, unless the board file says otherwise. */
    public static final double DEFAULT_WELDED_CURRENT_A = 0.1;

    /** A request from outside the loop (MQTT, buttons, CLI). */
    public sealed interface Request {
        record UserCommand(Command command, Source source) implements Request {
        }

        /** The power button or a toggle: OFF while the user wants the relay on (even if a close is pending), else ON. */
        record ToggleRelay(Source source) implements Request {
        }

        record ChangeSetting(String name, double value) implements Request {
        }

        record FactoryReset() implements Request {
        }

        /**
         * A device setting the engine does not use (power-on state, screen timeout, run-time reset): the loop only
         * orders it with the other requests and hands it on as a {@link Change} to persist.
         */
        record DeviceChange(Change change) implements Request {
        }
    }

    /** Something that must be remembered across restarts, handed to {@link Hooks} to persist. */
    public sealed interface Change {
        /** A run-time setting changed; {@code value} as text (numbers in decimal, choices as words). */
        record Setting(String name, String value) implements Change {
        }

        /** The energy totals were reset (the meter's own count too). */
        record EnergyReset() implements Change {
        }

        /** The run time was reset. */
        record RunTimeReset() implements Change {
        }

        /** Settings back to the configured ones, energy and run time cleared, relay remembered off. */
        record FactoryReset() implements Change {
        }

        /** The relay state to restore with {@code powerOnState: memory}. */
        record RelayMemory(boolean on) implements Change {
        }
    }

    /** The answer to a {@link Request}: done, or refused with a reason. */
    private record Pending(Request request, CompletableFuture<Outcome> answer) {
    }

    private record CoilFailure(boolean closing, long nanos, String reason) {
    }

    private record RelayMove(boolean closed, long nanos) {
    }

    private final Clock clock;
    private final Meter meter;
    private final ProtectionEngine engine;
    private final LatchingRelay relay;
    private final Consumer<Event> events;
    private final Hooks hooks;
    private final ProtectionSettings factorySettings;
    private final ConcurrentLinkedQueue<Pending> inbox = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RelayMove> relayMoves = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Event> relayEvents = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CoilFailure> coilFailures = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger inboxSize = new java.util.concurrent.atomic.AtomicInteger();
    private final double weldedCurrentA;
    private final List<Change> changes = new java.util.ArrayList<>();
    private boolean trackedClosed;
    private boolean handlingRequest;
    /** An OFF pulse repeated on contacts believed open (welded): not a contact change, so no relay event. */
    private volatile boolean reasserting;
    private long statusTimestampNanos;
    private long openedAtNanos = Long.MIN_VALUE;
    private long nextWeldedRetryNanos;
    private long nextCoilRetryNanos;
    private boolean coilFailing;
    private int alarms;
    private long relayClosedNanos;
    private long readFailures;
    private String lastReadFailure;
    private long statusRelayClosedNanos;
    private long statusReadFailures;
    private String statusLastReadFailure;
    private int statusAlarms;
    private long originNanos;
    private volatile Cause openCause = Cause.STARTUP;
    private volatile Cause closeCause = Cause.POWER_ON;
    private boolean meterRunning;
    private long nextStartNanos;
    private long lastCycleNanos;
    private final StampedLock statusLock = new StampedLock();
    private boolean published;
    private boolean lastDesiredOn;
    /** The last valid reading, copied under {@link #statusLock} ({@link #statusHasReading} once there is one). */
    private final Measurement statusReading = new Measurement();
    private boolean statusHasReading;
    /**
     * The record of the published reading, built by the first reader that saw it and shared with later ones (a
     * reading is identified by its timestamp): readers build one record per poll, not one per call.
     */
    private volatile Reading builtReading;
    private boolean statusRelayClosed;
    private boolean statusDesiredOn;
    private Set<Fault> statusFaults;
    private ProtectionEngine.State statusState;
    private long statusAutoCloseNanos;
    private long statusCountdownNanos;
    private ProtectionSettings statusSettings;
    private long statusBadFrames;
    private boolean statusMeterRunning;
    /** Completed cycles, for benches that count per cycle from another thread (single writer: the loop). */
    private volatile long cycles;

    /**
     * What the loop tells the rest of the controller besides events. Every method runs on the loop thread and must
     * return at once without blocking, logging or I/O (hand the work to another thread through a bounded queue).
     */
    public interface Hooks {
        /** A valid reading was taken (only called when {@link #wantsReadings()}). */
        default void reading(Reading reading) {
        }

        /**
         * Whether {@link #reading} is to be called: its record is an allocation per cycle, which a device that
         * reads {@link Controller#status()} instead does without.
         */
        default boolean wantsReadings() {
            return true;
        }

        /**
         * A request was handled: {@code outcome} for {@code answer}, with what it changed that must be persisted
         * before the answer is given (empty for none). The default completes the answer at once (simulation).
         * Never complete {@code answer} on the loop thread in a running device: continuations would run there.
         */
        default void answered(CompletableFuture<Outcome> answer, Outcome outcome, List<Change> changes) {
            answer.complete(outcome);
        }

        /** Something to persist that no request asked for (the power-on policy or the countdown moved the relay). */
        default void changed(Change change) {
        }

        /** A coil write failed: the relay may not have moved (a running device treats this as fatal). */
        default void coilFailed(String reason) {
        }

        /** One cycle completed (healthy: the meter delivered a reading). The watchdog is fed here. */
        default void cycleEnded(long nowNanos, boolean healthy) {
        }
    }

    /**
     * A consistent picture of the loop for display and export, as of the end of a cycle.
     *
     * @param reading              the last valid reading, or null before the first
     * @param relayClosed          whether the relay driver has the contacts closed or is closing them (a close
     *                             pulse running or due): what a user sees as "on" the moment the controller acts
     * @param faults               active faults
     * @param state                the engine's state
     * @param autoCloseRemainingNanos time left of a pending automatic close (0 = none)
     * @param countdownRemainingNanos time left of the auto-off countdown (0 = none)
     * @param settings             protection settings in force
     * @param badFrames            bad HT7017 frames so far
     * @param meterRunning         whether the chip is initialised and answering
     * @param desiredOn            whether the user (or the power-on policy) wants the relay on
     * @param alarms               active alarms
     * @param relayClosedNanos     total time the relay's contacts were closed since start (run time)
     * @param readFailures         meter reads and starts that failed since start
     * @param lastReadFailure      why the last one failed (null before any)
     * @param timestampNanos       when this status was published, on the controller's clock
     */
    public record Status(Reading reading, boolean relayClosed, boolean desiredOn, Set<Fault> faults,
                         ProtectionEngine.State state,
                         long autoCloseRemainingNanos, long countdownRemainingNanos, ProtectionSettings settings,
                         long badFrames, boolean meterRunning, Set<Alarm> alarms, long relayClosedNanos,
                         long readFailures, String lastReadFailure, long timestampNanos) {
    }

    /** Requests waiting for the loop beyond which {@link #submit} refuses at once. */
    public static final int INBOX_LIMIT = 256;

    /**
     * @param factorySettings the protection settings a factory reset returns to (the configured ones)
     */
    public Controller(Clock clock, Meter meter, ProtectionEngine engine, LatchingRelay relay, Consumer<Event> events,
                      Hooks hooks, ProtectionSettings factorySettings) {
        this(clock, meter, engine, relay, events, hooks, factorySettings, DEFAULT_WELDED_CURRENT_A);
    }

    /**
     * @param factorySettings the protection settings a factory reset returns to (the configured ones)
     * @param weldedCurrentA  current above which contacts that should be open count as welded
     */
    public Controller(Clock clock, Meter meter, ProtectionEngine engine, LatchingRelay relay, Consumer<Event> events,
                      Hooks hooks, ProtectionSettings factorySettings, double weldedCurrentA) {
        this.weldedCurrentA = weldedCurrentA;
        this.clock = clock;
        this.factorySettings = factorySettings;
        this.meter = meter;
        this.engine = engine;
        this.relay = relay;
        this.events = events;
        this.hooks = hooks;
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                Cause cause = closing ? closeCause : openCause;
                relayMoves.add(new RelayMove(closing, nanos));
                if (!reasserting) {
                    relayEvents.add(new Event.Relay(nanos - originNanos, closing, cause));
                }
            }

            @Override
            public void onCoilFailure(boolean closing, long nanos, RuntimeException cause) {
                coilFailures.add(new CoilFailure(closing, nanos, (closing ? "ON" : "OFF") + " coil: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage())));
            }
        });
    }

    /** Power-on: the relay is driven OFF, then the chip is started. Call once, on the loop thread. */
    public void start() {
        originNanos = clock.nanoTime();
        lastCycleNanos = originNanos;
        execute(engine.start(originNanos), originNanos);
        startMeter(originNanos);
        publishStatus(null, clock.nanoTime());
    }

    /** The controller's time origin: event times are measured from it. */
    public long originNanos() {
        return originNanos;
    }

    /** One poll cycle: requests, relay moves, one meter reading (or a tick without one), decisions. */
    public void cycle() {
        drainRelayMoves();
        drainCoilFailures();
        drainInbox();
        long now = clock.nanoTime();
        if (!meterRunning && now - nextStartNanos >= 0) {
            startMeter(now);
        }
        Measurement reading = null;
        if (meterRunning) {
            try {
                reading = meter.pollMeasurement();
            } catch (MeterException e) {
                readFailed(e);
                meter.invalidate();
                if (clock.nanoTime() == now) {
                    sleepIdle();
                }
            }
        } else {
            sleepIdle();
        }
        drainRelayMoves();
        now = clock.nanoTime();
        if (reading != null) {
            execute(engine.reading(reading.timestampNanos(), reading.voltageV(), reading.currentA(), reading.powerW()),
                    now);
            checkContacts(reading.currentA(), now);
            if (hooks.wantsReadings()) {
                hooks.reading(reading.toReading());
            }
        } else {
            execute(engine.tick(now), now);
        }
        if (trackedClosed) {
            relayClosedNanos += now - lastCycleNanos;
        }
        lastCycleNanos = now;
        publishStatus(reading, now);
        hooks.cycleEnded(now, reading != null);
        cycles = cycles + 1;
    }

    /** Items waiting in the loop's queues (requests, relay moves, relay events, coil failures): for the soak bench. */
    int queuedItems() {
        return inbox.size() + relayMoves.size() + relayEvents.size() + coilFailures.size();
    }

    /** Cycles completed so far (readable from any thread). */
    public long cycles() {
        return cycles;
    }

    private void readFailed(RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        readFailures++;
        lastReadFailure = e.getMessage();
    }

    /**
     * Contacts that should be open but let current through: {@link Alarm#RELAY_WELDED} after {@link #WELDED_NANOS},
     * the OFF pulse repeated every {@link #WELDED_RETRY_NANOS}; the alarm clears when the current stops.
     */
    private void checkContacts(double currentA, long now) {
        boolean welded = (alarms & bit(Alarm.RELAY_WELDED)) != 0;
        boolean shouldBeOpen = !trackedClosed && !relay.desiredClosed() && openedAtNanos != Long.MIN_VALUE;
        boolean flowing = currentA > weldedCurrentA;
        if (!welded) {
            if (shouldBeOpen && flowing && now - openedAtNanos > WELDED_NANOS) {
                alarms |= bit(Alarm.RELAY_WELDED);
                reasserting = true;
                try {
                    relay.reassertOpen();
                } finally {
                    reasserting = false;
                }
                events.accept(new Event.AlarmRaised(now - originNanos, Alarm.RELAY_WELDED, currentA));
                flushRelayEvents();
                nextWeldedRetryNanos = now + WELDED_RETRY_NANOS;
            }
            return;
        }
        if (!flowing || !shouldBeOpen) {
            alarms &= ~bit(Alarm.RELAY_WELDED);
            events.accept(new Event.AlarmCleared(now - originNanos, Alarm.RELAY_WELDED));
        } else if (now - nextWeldedRetryNanos >= 0) {
            reasserting = true;
            try {
                relay.reassertOpen();
            } finally {
                reasserting = false;
            }
            nextWeldedRetryNanos = now + WELDED_RETRY_NANOS;
        }
    }

    private void drainCoilFailures() {
        CoilFailure failure;
        while ((failure = coilFailures.poll()) != null) {
            if (!coilFailing) {
                coilFailing = true;
                alarms |= bit(Alarm.COIL_FAILURE);
                events.accept(new Event.AlarmRaised(failure.nanos() - originNanos, Alarm.COIL_FAILURE, Double.NaN));
                hooks.coilFailed(failure.reason());
                nextCoilRetryNanos = failure.nanos();
            }
        }
        long now = clock.nanoTime();
        if (coilFailing && now - nextCoilRetryNanos >= 0) {
            nextCoilRetryNanos = now + WELDED_RETRY_NANOS;
            if (relay.contacts() == LatchingRelay.Contacts.UNKNOWN && !relay.isPulsing()) {
                relay.reassertOpen();
            } else if (relay.contacts() != LatchingRelay.Contacts.UNKNOWN) {
                coilFailing = false;
                alarms &= ~bit(Alarm.COIL_FAILURE);
                events.accept(new Event.AlarmCleared(now - originNanos, Alarm.COIL_FAILURE));
            }
        }
    }

    private static int bit(Alarm alarm) {
        return 1 << alarm.ordinal();
    }

    /** Hands a request to the loop; the future completes on the loop thread after the next cycle starts. */
    public CompletableFuture<Outcome> submit(Request request) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        if (inboxSize.incrementAndGet() > INBOX_LIMIT) {
            inboxSize.decrementAndGet();
            answer.complete(Outcome.refused("busy: " + INBOX_LIMIT + " requests are already waiting"));
            return answer;
        }
        inbox.add(new Pending(request, answer));
        return answer;
    }

    /**
     * The latest picture of the loop (null before {@link #start()}), as of the end of the last cycle. The loop
     * only stores fields (it allocates nothing for this); the record is built here, on the caller's thread, and
     * the loop never waits for a reader (optimistic reads, retried when a cycle wrote meanwhile).
     */
    public Status status() {
        while (true) {
            long stamp = statusLock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait();
                continue;
            }
            boolean ready = published;
            boolean hasReading = statusHasReading;
            Reading built = builtReading;
            Measurement copy = null;
            if (hasReading && (built == null || built.timestampNanos() != statusReading.timestampNanos())) {
                copy = new Measurement();
                copy.copyFrom(statusReading);
            }
            boolean relayClosed = statusRelayClosed;
            boolean desiredOn = statusDesiredOn;
            Set<Fault> faults = statusFaults;
            ProtectionEngine.State state = statusState;
            long autoClose = statusAutoCloseNanos;
            long countdown = statusCountdownNanos;
            ProtectionSettings settings = statusSettings;
            long badFrames = statusBadFrames;
            boolean running = statusMeterRunning;
            int alarmBits = statusAlarms;
            long closedNanos = statusRelayClosedNanos;
            long failures = statusReadFailures;
            String failure = statusLastReadFailure;
            long at = statusTimestampNanos;
            if (statusLock.validate(stamp)) {
                if (!ready) {
                    return null;
                }
                Set<Alarm> alarmSet = java.util.EnumSet.noneOf(Alarm.class);
                for (Alarm a : Alarm.values()) {
                    if ((alarmBits & bit(a)) != 0) {
                        alarmSet.add(a);
                    }
                }
                Reading reading = null;
                if (copy != null) {
                    reading = copy.toReading();
                    builtReading = reading;
                } else if (hasReading) {
                    reading = built;
                }
                return new Status(reading, relayClosed, desiredOn, faults, state, autoClose, countdown, settings,
                        badFrames, running, alarmSet, closedNanos, failures, failure, at);
            }
        }
    }

    private void startMeter(long now) {
        try {
            meter.connect();
            meter.invalidate();
            meterRunning = true;
        } catch (MeterException e) {
            meterRunning = false;
            nextStartNanos = now + RESTART_NANOS;
            readFailed(e);
        }
    }

    private void sleepIdle() {
        try {
            clock.sleepNanos(IDLE_CYCLE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainRelayMoves() {
        RelayMove move;
        flushRelayEvents();
        while ((move = relayMoves.poll()) != null) {
            engine.relayChanged(move.nanos, move.closed);
            trackedClosed = move.closed;
            if (!move.closed) {
                openedAtNanos = move.nanos;
            }
        }
    }

    private void drainInbox() {
        Pending pending;
        while ((pending = inbox.poll()) != null) {
            inboxSize.decrementAndGet();
            long now = clock.nanoTime();
            boolean desiredBefore = engine.desiredOn();
            changes.clear();
            handlingRequest = true;
            Outcome outcome;
            try {
                outcome = handle(pending.request, now);
            } finally {
                handlingRequest = false;
            }
            boolean desiredAfter = engine.desiredOn();
            if (desiredAfter != desiredBefore) {
                lastDesiredOn = desiredAfter;
                changes.add(new Change.RelayMemory(desiredAfter));
            }
            publishStatus(null, now);
            hooks.answered(pending.answer, outcome, changes.isEmpty() ? List.of() : List.copyOf(changes));
        }
    }

    private Outcome handle(Request request, long now) {
        return switch (request) {
            case Request.UserCommand(Command command, Source source) -> {
                List<Decision> decisions = engine.command(now, command, source);
                execute(decisions, now);
                yield decisions.stream().filter(d -> d instanceof Decision.Refused).findFirst()
                        .map(d -> Outcome.refused(((Decision.Refused) d).reason())).orElse(Outcome.accepted());
            }
            case Request.ToggleRelay(Source source) ->
                    handle(new Request.UserCommand(engine.desiredOn() ? Command.RELAY_OFF : Command.RELAY_ON, source), now);
            case Request.ChangeSetting(String name, double value) -> {
                SettingResult result = engine.settings().with(name, value);
                yield switch (result) {
                    case SettingResult.Applied(ProtectionSettings next) -> {
                        execute(engine.settings(now, next), now);
                        changes.add(new Change.Setting(name, Double.toString(value)));
                        yield Outcome.accepted();
                    }
                    case SettingResult.Rejected(String message) -> Outcome.refused(message);
                };
            }
            case Request.FactoryReset() -> {
                execute(engine.command(now, Command.RELAY_OFF, Source.BUTTON), now);
                execute(engine.settings(now, factorySettings), now);
                meter.setEnergyKWh(0);
                changes.add(new Change.FactoryReset());
                yield Outcome.accepted();
            }
            case Request.DeviceChange(Change change) -> {
                changes.add(change);
                yield Outcome.accepted();
            }
        };
    }

    /**
     * Carries out {@code decisions}: every relay move first (an OFF pulse starts before anything hears of the trip
     * that caused it), then the rest, then the events in the engine's order. Indexed loops: no iterator per cycle.
     */
    private void execute(List<Decision> decisions, long now) {
        int n = decisions.size();
        for (int i = 0; i < n; i++) {
            switch (decisions.get(i)) {
                case Decision.Open(Cause cause) -> {
                    openCause = cause;
                    if (cause == Cause.STARTUP) {
                        relay.startup();
                    } else {
                        relay.set(false);
                    }
                }
                case Decision.Close(Cause cause) -> {
                    closeCause = cause;
                    relay.set(true);
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Decision decision = decisions.get(i);
            switch (decision) {
                case Decision.Open o -> flushRelayEvents();
                case Decision.Close c -> flushRelayEvents();
                case Decision.ResetEnergy() -> {
                    meter.setEnergyKWh(0);
                    if (handlingRequest) {
                        changes.add(new Change.EnergyReset());
                    } else {
                        hooks.changed(new Change.EnergyReset());
                    }
                }
                default -> decision.toEvent(now - originNanos).ifPresent(events);
            }
        }
        flushRelayEvents();
    }

    /**
     * Relay events where the engine put the move among its decisions: the log says "trip" before the "relay" it
     * caused, though the pulse had started before either was handed on.
     */
    private void flushRelayEvents() {
        Event e;
        while ((e = relayEvents.poll()) != null) {
            events.accept(e);
        }
    }

    private void publishStatus(Measurement reading, long now) {
        boolean desiredOn = engine.desiredOn();
        // The first status reports the start's intent too (powerOnState on wants the relay on from the start), so
        // memory chosen later restores what the relay was doing, not what the previous run remembered.
        if (!published || lastDesiredOn != desiredOn) {
            hooks.changed(new Change.RelayMemory(desiredOn));
        }
        lastDesiredOn = desiredOn;
        Set<Fault> faults = engine.activeFaults();
        ProtectionEngine.State state = engine.state();
        long autoClose = engine.autoCloseRemainingNanos(now);
        long countdown = engine.countdownRemainingOrZeroNanos(now);
        boolean relayClosed = relay.desiredClosed();
        long badFrames = meter.badFrames();
        long stamp = statusLock.writeLock();
        try {
            if (reading != null) {
                statusReading.copyFrom(reading);
                statusHasReading = true;
            }
            statusRelayClosed = relayClosed;
            statusDesiredOn = desiredOn;
            statusFaults = faults;
            statusState = state;
            statusAutoCloseNanos = autoClose;
            statusCountdownNanos = countdown;
            statusSettings = engine.settings();
            statusBadFrames = badFrames;
            statusMeterRunning = meterRunning;
            statusAlarms = alarms;
            statusTimestampNanos = now;
            statusRelayClosedNanos = relayClosedNanos;
            statusReadFailures = readFailures;
            statusLastReadFailure = lastReadFailure;
            published = true;
        } finally {
            statusLock.unlockWrite(stamp);
        }
    }
}
