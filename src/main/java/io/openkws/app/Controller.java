package io.openkws.app;

import io.openkws.driver.relay.LatchingRelay;
import io.openkws.driver.relay.RelayListener;
import io.openkws.meter.Meter;
import io.openkws.meter.MeterException;
import io.openkws.meter.Reading;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class Controller {

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    /** How often a meter that failed to start is tried again. */
    static final long RESTART_NANOS = 2_000_000_000L;
    /** Idle wait of a cycle without a meter (the serial reads pace a cycle otherwise). */
    static final long IDLE_CYCLE_NANOS = 50_000_000L;

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
    }

    /** The answer to a {@link Request}: done, or refused with a reason. */
    public record Outcome(boolean ok, String error) {
        static final Outcome OK = new Outcome(true, null);

        static Outcome refused(String reason) {
            return new Outcome(false, reason);
        }
    }

    private record Pending(Request request, CompletableFuture<Outcome> answer) {
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
    private long originNanos;
    private volatile Cause openCause = Cause.STARTUP;
    private volatile Cause closeCause = Cause.POWER_ON;
    private boolean meterRunning;
    private long nextStartNanos;
    private long lastCycleNanos;
    private final StampedLock statusLock = new StampedLock();
    private boolean published;
    private boolean lastDesiredOn;
    private Reading statusReading;
    private boolean statusRelayClosed;
    private boolean statusDesiredOn;
    private Set<Fault> statusFaults;
    private ProtectionEngine.State statusState;
    private long statusAutoCloseNanos;
    private long statusCountdownNanos;
    private ProtectionSettings statusSettings;
    private long statusBadFrames;
    private boolean statusMeterRunning;

    /** What the loop tells the rest of the controller besides events; all methods run on the loop thread. */
    public interface Hooks {
        /** A valid reading was taken. */
        default void reading(Reading reading) {
        }

        /** The relay's contacts moved (stamped at the pulse start). */
        default void relayMoved(boolean closed, long nanos) {
        }

        /** The user asked to zero the energy totals. */
        default void energyReset() {
        }

        /** A protection setting changed at run time. */
        default void settingChanged(String name, double value) {
        }

        /** The factory reset ran: settings are back to defaults, energy and run time must be cleared. */
        default void factoryReset() {
        }

        /** The state the user (or the power-on policy) wants changed: remember it for {@code powerOnState: memory}. */
        default void desiredStateChanged(boolean on) {
        }

        /** One cycle ended; {@code healthy} is false while the meter is not delivering readings. */
        default void cycleEnded(long nowNanos, boolean healthy) {
        }
    }

    /**
     * A consistent picture of the loop for display and export, as of the end of a cycle.
     *
     * @param reading              the last valid reading, or null before the first
     * @param relayClosed          the relay's tracked contacts
     * @param faults               active faults
     * @param state                the engine's state
     * @param autoCloseRemainingNanos time left of a pending automatic close (0 = none)
     * @param countdownRemainingNanos time left of the auto-off countdown (0 = none)
     * @param settings             protection settings in force
     * @param badFrames            bad HT7017 frames so far
     * @param meterRunning         whether the chip is initialised and answering
     * @param desiredOn            whether the user (or the power-on policy) wants the relay on
     */
    public record Status(Reading reading, boolean relayClosed, boolean desiredOn, Set<Fault> faults,
                         ProtectionEngine.State state,
                         long autoCloseRemainingNanos, long countdownRemainingNanos, ProtectionSettings settings,
                         long badFrames, boolean meterRunning) {
    }

    /**
     * @param factorySettings the protection settings a factory reset returns to (the configured ones)
     */
    public Controller(Clock clock, Meter meter, ProtectionEngine engine, LatchingRelay relay, Consumer<Event> events,
                      Hooks hooks, ProtectionSettings factorySettings) {
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
                events.accept(new Event.Relay(nanos - originNanos, closing, cause));
                relayMoves.add(new RelayMove(closing, nanos));
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
        drainInbox();
        long now = clock.nanoTime();
        if (!meterRunning && now - nextStartNanos >= 0) {
            startMeter(now);
        }
        Reading reading = null;
        if (meterRunning) {
            try {
                reading = meter.poll();
            } catch (MeterException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    LOG.warn("{} read failed: {}", meter.chip().name(), e.getMessage());
                }
            }
        } else {
            sleepIdle();
        }
        drainRelayMoves();
        now = clock.nanoTime();
        if (reading != null) {
            hooks.reading(reading);
            execute(engine.reading(reading.timestampNanos(),
                    new io.openkws.protect.Reading(reading.voltageV(), reading.currentA(), reading.powerW())), now);
        } else {
            execute(engine.tick(now), now);
        }
        lastCycleNanos = now;
        publishStatus(reading, now);
        hooks.cycleEnded(now, reading != null);
    }

    /** Hands a request to the loop; the future completes on the loop thread after the next cycle starts. */
    public CompletableFuture<Outcome> submit(Request request) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
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
            Reading reading = statusReading;
            boolean relayClosed = statusRelayClosed;
            boolean desiredOn = statusDesiredOn;
            Set<Fault> faults = statusFaults;
            ProtectionEngine.State state = statusState;
            long autoClose = statusAutoCloseNanos;
            long countdown = statusCountdownNanos;
            ProtectionSettings settings = statusSettings;
            long badFrames = statusBadFrames;
            boolean running = statusMeterRunning;
            if (statusLock.validate(stamp)) {
                return ready ? new Status(reading, relayClosed, desiredOn, faults, state, autoClose, countdown, settings,
                        badFrames, running) : null;
            }
        }
    }

    private void startMeter(long now) {
        try {
            int id = meter.connect();
            meterRunning = true;
            LOG.debug("{} answered (id 0x{}) and is initialised", meter.chip().name(), Integer.toHexString(id));
        } catch (MeterException e) {
            meterRunning = false;
            nextStartNanos = now + RESTART_NANOS;
            LOG.warn("{} not available: {} (retrying)", meter.chip().name(), e.getMessage());
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
        while ((move = relayMoves.poll()) != null) {
            engine.relayChanged(move.nanos, move.closed);
            hooks.relayMoved(move.closed, move.nanos);
        }
    }

    private void drainInbox() {
        Pending pending;
        while ((pending = inbox.poll()) != null) {
            long now = clock.nanoTime();
            Outcome outcome = handle(pending.request, now);
            pending.answer.complete(outcome);
        }
    }

    private Outcome handle(Request request, long now) {
        return switch (request) {
            case Request.UserCommand(Command command, Source source) -> {
                List<Decision> decisions = engine.command(now, command, source);
                execute(decisions, now);
                yield decisions.stream().filter(d -> d instanceof Decision.Refused).findFirst()
                        .map(d -> Outcome.refused(((Decision.Refused) d).reason())).orElse(Outcome.OK);
            }
            case Request.ToggleRelay(Source source) ->
                    handle(new Request.UserCommand(engine.desiredOn() ? Command.RELAY_OFF : Command.RELAY_ON, source), now);
            case Request.ChangeSetting(String name, double value) -> {
                SettingResult result = engine.settings().with(name, value);
                yield switch (result) {
                    case SettingResult.Applied(ProtectionSettings next) -> {
                        execute(engine.settings(now, next), now);
                        hooks.settingChanged(name, value);
                        yield Outcome.OK;
                    }
                    case SettingResult.Rejected(String message) -> Outcome.refused(message);
                };
            }
            case Request.FactoryReset() -> {
                execute(engine.command(now, Command.RELAY_OFF, Source.BUTTON), now);
                execute(engine.settings(now, factorySettings), now);
                meter.setEnergyKWh(0);
                hooks.factoryReset();
                yield Outcome.OK;
            }
        };
    }

    private void execute(List<Decision> decisions, long now) {
        for (Decision decision : decisions) {
            switch (decision) {
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
                case Decision.ResetEnergy() -> {
                    meter.setEnergyKWh(0);
                    hooks.energyReset();
                }
                default -> decision.toEvent(now - originNanos).ifPresent(events);
            }
        }
    }

    private void publishStatus(Reading reading, long now) {
        boolean desiredOn = engine.desiredOn();
        if (!published || lastDesiredOn != desiredOn) {
            hooks.desiredStateChanged(desiredOn);
        }
        lastDesiredOn = desiredOn;
        Set<Fault> faults = engine.activeFaults();
        ProtectionEngine.State state = engine.state();
        long autoClose = engine.autoCloseRemainingNanos(now);
        long countdown = engine.countdownRemainingNanos(now).orElse(0);
        boolean relayClosed = relay.isClosed();
        long badFrames = meter.badFrames();
        long stamp = statusLock.writeLock();
        try {
            if (reading != null) {
                statusReading = reading;
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
            published = true;
        } finally {
            statusLock.unlockWrite(stamp);
        }
    }
}
