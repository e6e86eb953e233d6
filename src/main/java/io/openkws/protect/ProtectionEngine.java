package io.openkws.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The protection state machine: readings, user commands and time in, {@link Decision}s out.
 *
 * <p>Exists so the rules of design.md ("Protection semantics", "Precise rules") live in one pure object that a
 * test can drive reading by reading: it has no threads, no I/O and never reads a clock; every method takes the
 * current time in nanoseconds (any monotonic origin, e.g. {@code Clock.nanoTime()}). Not thread-safe: the
 * controller calls it from its single control loop.
 *
 * <p>Driving it: call {@link #start(long)} once, then {@link #reading(long, Reading)} for every measurement,
 * {@link #tick(long)} regularly when no reading came (at least every poll cycle, so METER_LOST and the countdown
 * are noticed), {@link #command(long, Command, Source)} for user commands, {@link #relayChanged(long, boolean)}
 * when the relay's contacts actually moved, and {@link #settings(long, ProtectionSettings)} for a run-time change.
 * Execute the returned decisions in order.
 *
 * <p>Model: a <em>desired state</em> (what the user or the power-on policy wants) apart from the contacts; the
 * relay is closed only while desired = on, no supply fault (OVP, UVP, METER_LOST) is active, no automatic close
 * (power-on, restore, retry) is pending and nothing is latched or locked out. A fault is evaluated at every valid
 * reading whatever the relay state and trips at the first reading at which its condition has held continuously
 * for at least its trip delay; invalid readings in between neither interrupt nor extend a condition (a gap
 * longer than meterTimeout is METER_LOST and restarts every timer). {@link Decision.Open} is only decided when the relay is closed (or a close was
 * decided); the exception is the {@code startup} open, decided once because the latching relay's contacts are
 * unknown.
 *
 * <p>Countdown (the stock "power-off time"): armed for countdownSeconds when the user switches the relay on or
 * the power-on close happens, re-armed from now when the setting changes while desired = on; when it expires
 * desired becomes off (the relay opens with cause countdown if it was closed). Restores and retries do not
 * re-arm it; a user OFF disarms it.
 */
public final class ProtectionEngine {

    /** A summary of where the engine is, for the display, MQTT and tests. */
    public enum State {
        /** Not started, or desired = off and nothing pending. */
        OFF,
        /** Relay closed (or its close decided). */
        ON,
        /** Desired on, waiting for an automatic close (power-on, restore or retry delay). */
        WAITING,
        /** A supply fault (OVP, UVP, METER_LOST) is active. */
        TRIPPED,
        /** An overload tripped with overloadRetries = 0: off until user ON or resetLockout. */
        LATCHED,
        /** The overload retries are used up: off until user ON or resetLockout. */
        LOCKED_OUT
    }

    /** Window in which at most overloadRetries automatic re-closes may happen. */
    public static final long RETRY_WINDOW_NANOS = 600_000_000_000L;

    private static final long NONE = Long.MIN_VALUE;
    /** The supply faults, as an array: a for-each over it needs no iterator (the loop asks at every cycle). */
    private static final Fault[] SUPPLY = {Fault.OVP, Fault.UVP, Fault.METER_LOST};
    private static final Set<Fault> OVERLOAD = EnumSet.of(Fault.OCP, Fault.OPP);

    private ProtectionSettings settings;
    private final boolean powerOnWantsOn;
    private boolean started;
    private boolean desiredOn;
    private boolean commandedClosed;
    private boolean contactsClosed;
    private long blankingFromNanos = NONE;
    /** Since when each fault's condition has held, by ordinal; {@link #NONE} when it does not (no boxing). */
    private final long[] conditionSince = new long[Fault.values().length];
    {
        Arrays.fill(conditionSince, NONE);
    }
    private final EnumSet<Fault> active = EnumSet.noneOf(Fault.class);
    private boolean latched;
    private boolean lockedOut;
    private Cause pendingCause;
    private long pendingSinceNanos = NONE;
    private final ArrayDeque<Long> retryClosesNanos = new ArrayDeque<>();
    private long healthySinceNanos = NONE;
    private long lastValidNanos = NONE;
    /** Voltage of the last valid reading; NaN before the first. */
    private double lastVoltageV = Double.NaN;
    private long countdownDeadlineNanos = NONE;
    /** Reused for the decisions of one call; callers get {@link List#of()} or an immutable copy. */
    private final ArrayList<Decision> scratch = new ArrayList<>();
    /** Immutable copy of {@link #active} handed out by {@link #activeFaults()}; null after a change. */
    private Set<Fault> activeSnapshot;

    /**
     * @param settings      initial settings (must have no {@link ProtectionSettings#problem()})
     * @param powerOnState  relay.powerOnState
     * @param rememberedOn  the desired state remembered from the previous run (used by {@code memory})
     */
    /**
     * Runs a scratch engine through every trip, restore, retry and lockout once, on made-up readings, and turns
     * each decision into its event text. Call it once at start, off the control thread: the first real trip then
     * finds its classes loaded and its call sites linked (cold, that first trip took ~20 ms longer on a busy
     * 2-core machine). Pure: no I/O, no shared state.
     */
    public static void warmUp() {
        ProtectionSettings s = ProtectionSettings.of(java.util.Map.of("overCurrent", 10.0, "overPower", 2000.0,
                "overloadRetries", 1.0, "overloadRetryDelay", 1.0, "recoveryDelay", 1.0));
        ProtectionEngine e = new ProtectionEngine(s, PowerOnState.ON, true);
        long t = 0;
        long step = 100_000_000L;
        java.util.List<Decision> all = new java.util.ArrayList<>(e.start(t));
        double[][] phases = {{230, 1, 230}, {262, 1, 262}, {230, 1, 230}, {150, 1, 150}, {230, 1, 230},
            {230, 25, 5750}, {230, 12, 2760}, {230, 1, 230}, {230, 1, 3000}, {230, 1, 230}};
        for (double[] p : phases) {
            for (int i = 0; i < 40; i++) {
                t += step;
                all.addAll(e.reading(t, new Reading(p[0], p[1], p[2])));
            }
            all.addAll(e.tick(t));
        }
        for (Command c : Command.values()) {
            all.addAll(e.command(t, c, Source.COMMAND));
        }
        for (Decision d : all) {
            d.toEvent(t);
        }
    }

    public ProtectionEngine(ProtectionSettings settings, PowerOnState powerOnState, boolean rememberedOn) {
        settings.problem().ifPresent(p -> {
            throw new IllegalArgumentException("bad protection settings: " + p);
        });
        this.settings = settings;
        this.powerOnWantsOn = powerOnState.wantsOn(rememberedOn);
    }

    /**
     * Power-on: the relay is first driven off ({@link Cause#STARTUP}); if the power-on policy wants it on, a
     * {@link Cause#POWER_ON} close follows after recoveryDelay of healthy voltage (still with that cause when a
     * supply fault tripped while waiting). Call exactly once, first.
     */
    public List<Decision> start(long nowNanos) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        lastValidNanos = nowNanos;
        List<Decision> out = new ArrayList<>();
        commandedClosed = false;
        out.add(new Decision.Open(Cause.STARTUP));
        desiredOn = powerOnWantsOn;
        if (desiredOn) {
            pend(Cause.POWER_ON, nowNanos);
        }
        return out;
    }

    /** A measurement taken at {@code nowNanos}. An invalid reading counts as no reading ({@link #tick(long)}). */
    public List<Decision> reading(long nowNanos, Reading reading) {
        return reading(nowNanos, reading.voltageV(), reading.currentA(), reading.powerW());
    }

    /**
     * {@link #reading(long, Reading)} without the record: what the control loop calls every cycle, so that it
     * allocates nothing (the launcher's C1-only JVM does not remove short-lived records).
     */
    public List<Decision> reading(long nowNanos, double voltageV, double currentA, double powerW) {
        requireStarted();
        if (!(Double.isFinite(voltageV) && Double.isFinite(currentA) && Double.isFinite(powerW))) {
            return tick(nowNanos);
        }
        List<Decision> out = begin();
        checkMeterLost(nowNanos, out);
        lastValidNanos = nowNanos;
        lastVoltageV = voltageV;
        deactivate(Fault.METER_LOST);
        double v = voltageV;
        if (settings.healthy(v)) {
            if (healthySinceNanos == NONE) {
                healthySinceNanos = nowNanos;
            }
        } else {
            healthySinceNanos = NONE;
        }
        clearVoltageFaults(v);
        ProtectionSettings s = settings;
        condition(nowNanos, Fault.OVP, s.overVoltageV() > 0 && v > s.overVoltageV(), s.overVoltageDelaySeconds(),
                true, v, s.overVoltageV(), out);
        condition(nowNanos, Fault.UVP, s.underVoltageV() > 0 && v < s.underVoltageV(), s.underVoltageDelaySeconds(),
                true, v, s.underVoltageV(), out);
        double i = currentA;
        if (s.overCurrentA() > 0 && !active.contains(Fault.OCP) && i >= s.instantFactor() * s.overCurrentA()) {
            conditionSince[Fault.OCP.ordinal()] = NONE;
            trip(nowNanos, Fault.OCP, i, s.overCurrentA(), out);
        } else {
            boolean blanked = blankingFromNanos != NONE
                    && nowNanos - blankingFromNanos < nanos(s.inrushBlankingSeconds());
            condition(nowNanos, Fault.OCP, s.overCurrentA() > 0 && i > s.overCurrentA(), s.overCurrentDelaySeconds(),
                    !blanked, i, s.overCurrentA(), out);
        }
        condition(nowNanos, Fault.OPP, s.overPowerW() > 0 && powerW > s.overPowerW(),
                s.overPowerDelaySeconds(), true, powerW, s.overPowerW(), out);
        settle(nowNanos, true, out);
        return result();
    }

    /**
     * Time passes with no valid reading: checks METER_LOST and the countdown. Automatic closes only happen at a
     * valid reading, never on stale data.
     */
    public List<Decision> tick(long nowNanos) {
        requireStarted();
        List<Decision> out = begin();
        checkMeterLost(nowNanos, out);
        settle(nowNanos, false, out);
        return result();
    }

    /** A user command from {@code source} (a remote command or a board button). */
    public List<Decision> command(long nowNanos, Command command, Source source) {
        requireStarted();
        List<Decision> out = new ArrayList<>();
        switch (command) {
            case RELAY_ON -> {
                if (desiredOn && commandedClosed) {
                    break;
                }
                Optional<String> refusal = unhealthy(nowNanos);
                if (refusal.isPresent()) {
                    out.add(new Decision.Refused(command, refusal.get()));
                    break;
                }
                desiredOn = true;
                clearOverload();
                pendingCause = null;
                armCountdown(nowNanos);
                if (!commandedClosed && !supplyFault()) {
                    close(nowNanos, source.cause(), out);
                }
            }
            case RELAY_OFF -> {
                desiredOn = false;
                pendingCause = null;
                countdownDeadlineNanos = NONE;
                if (commandedClosed) {
                    open(source.cause(), out);
                }
            }
            case RESET_LOCKOUT -> {
                if (!latched && !lockedOut) {
                    break;
                }
                clearOverload();
                if (desiredOn && !commandedClosed) {
                    if (unhealthy(nowNanos).isEmpty() && !supplyFault()) {
                        close(nowNanos, source.cause(), out);
                    } else {
                        pend(Cause.RESTORE, nowNanos);
                    }
                }
            }
            case RESET_ENERGY -> out.add(new Decision.ResetEnergy());
        }
        return out;
    }

    /**
     * The relay driver reports that the contacts actually closed or opened at {@code nowNanos} (the start of the
     * coil pulse). Inrush blanking runs from the actual close.
     */
    public void relayChanged(long nowNanos, boolean closed) {
        contactsClosed = closed;
        if (closed) {
            blankingFromNanos = nowNanos;
        }
    }

    /**
     * Replaces the settings at run time (use {@link ProtectionSettings#with(String, double)} to build them).
     * A disabled fault stops being evaluated and an active OVP/UVP whose limit was switched off clears; a changed
     * countdown re-arms from now while desired = on.
     */
    public List<Decision> settings(long nowNanos, ProtectionSettings next) {
        requireStarted();
        next.problem().ifPresent(p -> {
            throw new IllegalArgumentException("bad protection settings: " + p);
        });
        ProtectionSettings previous = settings;
        settings = next;
        if (next.overVoltageV() == 0) {
            conditionSince[Fault.OVP.ordinal()] = NONE;
            deactivate(Fault.OVP);
        }
        if (next.underVoltageV() == 0) {
            conditionSince[Fault.UVP.ordinal()] = NONE;
            deactivate(Fault.UVP);
        }
        if (next.overCurrentA() == 0) {
            conditionSince[Fault.OCP.ordinal()] = NONE;
        }
        if (next.overPowerW() == 0) {
            conditionSince[Fault.OPP.ordinal()] = NONE;
        }
        if (previous.countdownSeconds() != next.countdownSeconds()) {
            countdownDeadlineNanos = NONE;
            if (desiredOn) {
                armCountdown(nowNanos);
            }
        }
        List<Decision> out = new ArrayList<>();
        settle(nowNanos, false, out);
        return out;
    }

    /** The current settings. */
    public ProtectionSettings settings() {
        return settings;
    }

    /** What the user or the power-on policy wants (persist this for {@code powerOnState: memory}). */
    public boolean desiredOn() {
        return desiredOn;
    }

    /** Whether the engine last decided the relay closed. */
    public boolean relayClosed() {
        return commandedClosed;
    }

    /** The contact state last reported through {@link #relayChanged(long, boolean)}. */
    public boolean contactsClosed() {
        return contactsClosed;
    }

    /**
     * Faults currently active (supply faults until they clear, overload faults until re-close or reset), as an
     * immutable set; the same instance is returned until the active faults change (no allocation per cycle).
     */
    public Set<Fault> activeFaults() {
        Set<Fault> snapshot = activeSnapshot;
        if (snapshot == null) {
            snapshot = Collections.unmodifiableSet(EnumSet.copyOf(active));
            activeSnapshot = snapshot;
        }
        return snapshot;
    }

    /** The automatic close waiting for its delay, if any (power-on, restore or retry). */
    public Optional<Cause> pendingClose() {
        return Optional.ofNullable(pendingCause);
    }

    /**
     * Nanoseconds until the pending automatic close (power-on, restore, retry) may happen, counted from the start
     * of the current healthy stretch; the whole delay while the voltage is not healthy yet; 0 when none is pending.
     */
    public long autoCloseRemainingNanos(long nowNanos) {
        if (pendingCause == null || !desiredOn || latched || lockedOut) {
            return 0;
        }
        long delay = nanos(pendingCause == Cause.RETRY ? settings.overloadRetryDelaySeconds()
                : settings.recoveryDelaySeconds());
        if (healthySinceNanos == NONE || supplyFault()) {
            return delay;
        }
        return Math.max(0, Math.max(pendingSinceNanos, healthySinceNanos) + delay - nowNanos);
    }

    /** {@link #countdownRemainingNanos} as a plain number, 0 when not armed (the loop's status: no Optional). */
    public long countdownRemainingOrZeroNanos(long nowNanos) {
        return countdownDeadlineNanos == NONE ? 0 : Math.max(0, countdownDeadlineNanos - nowNanos);
    }

    /** Nanoseconds until the countdown switches the relay off, if armed. */
    public OptionalLong countdownRemainingNanos(long nowNanos) {
        return countdownDeadlineNanos == NONE ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, countdownDeadlineNanos - nowNanos));
    }

    /**
     * Until when the engine, fed readings equal to the last valid one, decides nothing: {@code nowNanos} while
     * something is under way (not started or no valid reading yet, a fault condition being timed, an automatic
     * close pending, a supply fault active); otherwise the earlier of the METER_LOST deadline (the last valid
     * reading plus meterTimeout) and the countdown's expiry. Pure: it changes nothing. Lets a replay in virtual
     * time know a stretch in which only the passing of time could make the engine act.
     */
    public long quietUntilNanos(long nowNanos) {
        if (!started || Double.isNaN(lastVoltageV) || anyConditionTimed() || supplyFault()
                || (desiredOn && pendingCause != null)) {
            return nowNanos;
        }
        long until = lastValidNanos + nanos(settings.meterTimeoutSeconds());
        return countdownDeadlineNanos == NONE ? until : Math.min(until, countdownDeadlineNanos);
    }

    private boolean anyConditionTimed() {
        for (long since : conditionSince) {
            if (since != NONE) {
                return true;
            }
        }
        return false;
    }

    /** A summary state (see {@link State}). */
    public State state() {
        if (lockedOut) {
            return State.LOCKED_OUT;
        }
        if (latched) {
            return State.LATCHED;
        }
        if (supplyFault()) {
            return State.TRIPPED;
        }
        if (commandedClosed) {
            return State.ON;
        }
        return desiredOn && pendingCause != null ? State.WAITING : State.OFF;
    }

    private void condition(long now, Fault fault, boolean holds, double delaySeconds, boolean mayTrip,
                           double value, double limit, List<Decision> out) {
        if (active.contains(fault) || !holds) {
            conditionSince[fault.ordinal()] = NONE;
            return;
        }
        if (conditionSince[fault.ordinal()] == NONE) {
            conditionSince[fault.ordinal()] = now;
        }
        long since = conditionSince[fault.ordinal()];
        if (mayTrip && now - since >= nanos(delaySeconds)) {
            conditionSince[fault.ordinal()] = NONE;
            trip(now, fault, value, limit, out);
        }
    }

    private void trip(long now, Fault fault, double value, double limit, List<Decision> out) {
        out.add(new Decision.Trip(fault, value, limit));
        active.add(fault);
        activeSnapshot = null;
        boolean newLockout = false;
        if (fault.isOverload()) {
            pruneRetries(now);
            if (settings.overloadRetries() == 0) {
                latched = true;
                pendingCause = null;
            } else if (!lockedOut && retryClosesNanos.size() >= settings.overloadRetries()) {
                lockedOut = true;
                newLockout = true;
                pendingCause = null;
            } else if (!lockedOut && !latched && desiredOn && pendingCause != Cause.RESTORE) {
                pend(Cause.RETRY, now);
            }
        } else if (desiredOn && !latched && !lockedOut) {
            pend(pendingCause == Cause.POWER_ON ? Cause.POWER_ON : Cause.RESTORE, now);
        }
        if (commandedClosed) {
            open(Cause.TRIP, out);
        }
        if (newLockout) {
            out.add(new Decision.Lockout(fault));
        }
    }

    private void checkMeterLost(long now, List<Decision> out) {
        long timeout = nanos(settings.meterTimeoutSeconds());
        if (!active.contains(Fault.METER_LOST) && now - lastValidNanos >= timeout) {
            healthySinceNanos = NONE;
            Arrays.fill(conditionSince, NONE);
            trip(now, Fault.METER_LOST, (now - lastValidNanos) / 1e9, settings.meterTimeoutSeconds(), out);
        }
    }

    private void settle(long now, boolean mayClose, List<Decision> out) {
        if (countdownDeadlineNanos != NONE && now >= countdownDeadlineNanos) {
            countdownDeadlineNanos = NONE;
            desiredOn = false;
            pendingCause = null;
            if (commandedClosed) {
                open(Cause.COUNTDOWN, out);
            }
        }
        if (mayClose && !commandedClosed && desiredOn && pendingCause != null && !supplyFault() && !latched && !lockedOut
                && healthySinceNanos != NONE) {
            long from = Math.max(pendingSinceNanos, healthySinceNanos);
            double delay = pendingCause == Cause.RETRY ? settings.overloadRetryDelaySeconds()
                    : settings.recoveryDelaySeconds();
            if (now - from >= nanos(delay)) {
                close(now, pendingCause, out);
            }
        }
    }

    private void clearVoltageFaults(double v) {
        if (active.contains(Fault.OVP) && v <= settings.overVoltageV() - settings.overVoltageHysteresisV()) {
            deactivate(Fault.OVP);
        }
        if (active.contains(Fault.UVP) && v >= settings.underVoltageV() + settings.underVoltageHysteresisV()) {
            deactivate(Fault.UVP);
        }
    }

    private Optional<String> unhealthy(long now) {
        if (Double.isNaN(lastVoltageV) || active.contains(Fault.METER_LOST)
                || now - lastValidNanos >= nanos(settings.meterTimeoutSeconds())) {
            return Optional.of("no valid reading");
        }
        if (!settings.healthy(lastVoltageV) || supplyFault()) {
            return Optional.of("voltage unhealthy");
        }
        return Optional.empty();
    }

    private void close(long now, Cause cause, List<Decision> out) {
        if (cause == Cause.RETRY) {
            retryClosesNanos.addLast(now);
        }
        if (cause == Cause.POWER_ON) {
            armCountdown(now);
        }
        commandedClosed = true;
        blankingFromNanos = now;
        pendingCause = null;
        deactivateOverloads();
        out.add(new Decision.Close(cause));
    }

    private void open(Cause cause, List<Decision> out) {
        commandedClosed = false;
        blankingFromNanos = NONE;
        out.add(new Decision.Open(cause));
    }

    private void pend(Cause cause, long now) {
        pendingCause = cause;
        pendingSinceNanos = now;
    }

    private void clearOverload() {
        latched = false;
        lockedOut = false;
        deactivateOverloads();
        retryClosesNanos.clear();
    }

    private void armCountdown(long now) {
        countdownDeadlineNanos = settings.countdownSeconds() > 0 ? now + nanos(settings.countdownSeconds()) : NONE;
    }

    private void pruneRetries(long now) {
        while (!retryClosesNanos.isEmpty() && now - retryClosesNanos.peekFirst() >= RETRY_WINDOW_NANOS) {
            retryClosesNanos.removeFirst();
        }
    }

    private boolean supplyFault() {
        for (Fault f : SUPPLY) {
            if (active.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private void deactivate(Fault fault) {
        if (active.remove(fault)) {
            activeSnapshot = null;
        }
    }

    private void deactivateOverloads() {
        if (active.removeAll(OVERLOAD)) {
            activeSnapshot = null;
        }
    }

    /** The decision list of the hot paths (reading, tick): reused, so the common "nothing to do" allocates nothing. */
    private List<Decision> begin() {
        scratch.clear();
        return scratch;
    }

    private List<Decision> result() {
        return scratch.isEmpty() ? List.of() : List.copyOf(scratch);
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("start() first");
        }
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
