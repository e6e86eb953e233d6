package io.openkws.app;

import io.openkws.store.PersistedState;
import io.openkws.store.SaveSchedule;
import io.openkws.store.StateStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's memory across power cuts — energy totals (lifetime, today, yesterday), run time, the remembered
 * relay state and the settings changed on the device or remotely — and when to write it.
 *
 * <p>Exists to keep persistence off the control loop: the loop only updates fields here (no I/O), and saves run
 * on a background thread when {@link SaveSchedule} says so (an energy step, a long interval, or a forced save on
 * trips, relay changes, setting changes and shutdown). A save that fails (read-only or full state directory) is
 * logged as a warning, at most once a minute, and the meter keeps protecting. Thread-safe.
 */
public final class DeviceState {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceState.class);
    /** Energy growth that is worth a write. */
    static final double ENERGY_STEP_KWH = 0.01;
    /** Shortest time between two energy-step writes. */
    static final long MIN_INTERVAL_NANOS = 60_000_000_000L;
    /** Longest time a change stays unwritten (what a power cut may lose at most). */
    static final long MAX_INTERVAL_NANOS = 300_000_000_000L;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final Optional<StateStore> store;
    private final Supplier<LocalDate> today;
    private final SaveSchedule schedule;
    private final ExecutorService saver;
    private PersistedState state;
    private double meterBaselineKWh;
    private long runTimeRemainderNanos;
    private boolean changed;
    private long lastWarnNanos = Long.MIN_VALUE;
    private volatile boolean lastSaveFailed;
    private volatile PersistedState durable;

    /**
     * @param store   where to persist, or empty for a run that remembers nothing (simulate, tests)
     * @param initial the state loaded at start
     * @param today   the local date (midnight rollover)
     * @param nowNanos controller clock at start
     */
    public DeviceState(Optional<StateStore> store, PersistedState initial, Supplier<LocalDate> today, long nowNanos) {
        this.store = store;
        this.state = initial;
        this.durable = initial;
        this.today = today;
        this.schedule = new SaveSchedule(ENERGY_STEP_KWH, MIN_INTERVAL_NANOS, MAX_INTERVAL_NANOS, nowNanos,
                initial.energyKWh());
        this.saver = store.isPresent() ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "openkws-save");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The meter's running energy total (kWh since its start or last reset): the growth is added to the totals. */
    public synchronized void meterEnergy(double meterKWh) {
        double delta = meterKWh - meterBaselineKWh;
        meterBaselineKWh = meterKWh;
        if (delta > 0) {
            state = state.addEnergy(delta, today.get());
        }
    }

    /** Time the relay was closed. */
    public synchronized void addRunTime(long nanos) {
        runTimeRemainderNanos += nanos;
        if (runTimeRemainderNanos >= 1_000_000_000L) {
            long seconds = runTimeRemainderNanos / 1_000_000_000L;
            runTimeRemainderNanos -= seconds * 1_000_000_000L;
            state = state.withRunTime(state.runTimeSeconds() + seconds);
            changed = true;
        }
    }

    /** The relay state to restore at the next start ({@code powerOnState: memory}); a change is saved soon. */
    public synchronized void rememberRelay(boolean on) {
        if (state.relayOn() != on) {
            state = state.withRelayOn(on);
            schedule.force();
        }
    }

    /** A setting the user changed (device or remote), as text; saved soon. */
    public synchronized void setting(String name, String value) {
        state = state.withSetting(name, value);
        schedule.force();
    }

    /** The energy totals were reset by the user. The meter restarts its own count at 0 too. */
    public synchronized void energyCleared() {
        state = state.withEnergyCleared();
        meterBaselineKWh = 0;
        schedule.force();
    }

    /** The run time was reset by the user; saved soon. */
    public synchronized void runTimeCleared() {
        state = state.withRunTime(0);
        runTimeRemainderNanos = 0;
        schedule.force();
    }

    /** Factory reset: settings back to defaults, energy and run time cleared, relay remembered off. */
    public synchronized void factoryReset() {
        state = PersistedState.fresh(today.get());
        meterBaselineKWh = 0;
        runTimeRemainderNanos = 0;
        schedule.force();
    }

    /** Asks for a save at the next {@link #maybeSave} (a trip, for instance). */
    public synchronized void forceSave() {
        schedule.force();
    }

    public synchronized PersistedState snapshot() {
        return state;
    }

    /**
     * The state as last written to disk (the loaded one before the first save; the live one when nothing is
     * persisted): what may be published as a total that never goes backwards, even across a crash.
     */
    public PersistedState durable() {
        return store.isPresent() ? durable : snapshot();
    }

    /**
     * Writes the state now, off the caller's thread; the future completes with {@code true} once it is on disk
     * ({@code false} when the write failed), at once when nothing is persisted.
     */
    public CompletableFuture<Boolean> saveSoon(long nowNanos) {
        if (saver == null) {
            return CompletableFuture.completedFuture(true);
        }
        PersistedState toSave;
        synchronized (this) {
            toSave = state;
            changed = false;
            schedule.saved(nowNanos, toSave.energyKWh());
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            saver.execute(() -> done.complete(write(toSave, nowNanos)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.complete(false);
        }
        return done;
    }

    /** Whether the last write failed (read-only or full state directory). */
    public boolean saveFailing() {
        return lastSaveFailed;
    }

    /** Starts a background save when one is due. Cheap when none is. */
    public void maybeSave(long nowNanos) {
        PersistedState toSave;
        synchronized (this) {
            if (saver == null || !schedule.due(nowNanos, state.energyKWh(), changed)) {
                return;
            }
            toSave = state;
            changed = false;
            schedule.saved(nowNanos, toSave.energyKWh());
        }
        saver.execute(() -> write(toSave, nowNanos));
    }

    /** Saves now and waits for it (shutdown). */
    public void saveNow() {
        if (saver == null) {
            return;
        }
        PersistedState toSave = snapshot();
        saver.execute(() -> write(toSave, Long.MIN_VALUE));
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean write(PersistedState toSave, long nowNanos) {
        try {
            store.orElseThrow().save(toSave);
            durable = toSave;
            if (lastSaveFailed) {
                LOG.info("state directory {} is writable again", store.get().directory());
            }
            lastSaveFailed = false;
            return true;
        } catch (IOException | RuntimeException e) {
            lastSaveFailed = true;
            if (nowNanos == Long.MIN_VALUE || lastWarnNanos == Long.MIN_VALUE || nowNanos - lastWarnNanos >= WARN_EVERY_NANOS) {
                lastWarnNanos = nowNanos;
                LOG.warn("cannot save state in {}: {} (protection continues; totals are kept in memory)",
                        store.get().directory(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return false;
        }
    }
}
