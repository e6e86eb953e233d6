package io.openkws.export.mqtt;

import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingResult;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.Glass;
import io.openkws.service.NetworkIndicator;
import io.openkws.service.Outcome;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small {@link DeviceService} for the MQTT tests: commands are applied on its own "control" thread (never the
 * caller's), with the same range rules as the real controller ({@link ProtectionSettings#with}), and the view
 * reflects them once the outcome is complete, as the contract promises.
 *
 * <p>Exists so the front-end is tested against the contract alone, before and independently of the real
 * controller. Tests may replace the answer to a command ({@link #answer}), push events ({@link #emit}) and set
 * readings and totals.
 */
final class FakeDevice implements DeviceService {

    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-control");
        t.setDaemon(true);
        return t;
    });
    private final List<DeviceCommand> received = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    final Map<String, String> health = new ConcurrentHashMap<>();
    final List<String> healthReports = new CopyOnWriteArrayList<>();
    private final DeviceInfo info = new DeviceInfo("9.9.9-test", "sim", "ht7017", "default", true,
            DeviceInfo.runTimeSettings());

    private volatile Function<DeviceCommand, CompletionStage<Outcome>> answer;
    private volatile boolean voltageHealthy = true;
    private volatile DeviceView.Measurement reading = new DeviceView.Measurement(230.04, 1.23456, 283.96, 290.44,
            61.26, 0.9777, 50.013, 10);
    private volatile DeviceView.Totals totals = new DeviceView.Totals(12.34567, 0.4567, 1.2, 3.5, 40.25, 3600, 0);
    private volatile boolean relay;
    private volatile ProtectionSettings settings = ProtectionSettings.DEFAULTS;
    private volatile PowerOnState powerOn = PowerOnState.MEMORY;
    private volatile int screenTimeout = 5;
    private volatile long countdownLeft;
    private volatile Set<Fault> faults = EnumSet.noneOf(Fault.class);
    private volatile Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
    private volatile ProtectionEngine.State protection = ProtectionEngine.State.OFF;

    private record Listener(Executor executor, Consumer<DeviceEvent> consumer) {
    }

    List<DeviceCommand> received() {
        return received;
    }

    /** Replaces the built-in behaviour (null restores it). */
    void answer(Function<DeviceCommand, CompletionStage<Outcome>> replacement) {
        this.answer = replacement;
    }

    void voltageHealthy(boolean healthy) {
        this.voltageHealthy = healthy;
    }

    void reading(DeviceView.Measurement r) {
        this.reading = r;
    }

    void totals(DeviceView.Totals t) {
        this.totals = t;
    }

    void faults(Set<Fault> f, ProtectionEngine.State state) {
        this.faults = f.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(f);
        this.protection = state;
    }

    void alarms(Set<Alarm> a) {
        this.alarms = a.isEmpty() ? EnumSet.noneOf(Alarm.class) : EnumSet.copyOf(a);
    }

    /** The relay closed or open as protection commanded it (the engine state follows, unless a fault is set). */
    void relay(boolean closed) {
        this.relay = closed;
        if (faults.isEmpty()) {
            this.protection = closed ? ProtectionEngine.State.ON : ProtectionEngine.State.OFF;
        }
    }

    /** Delivers {@code event} to every subscriber on its executor. */
    void emit(DeviceEvent event) {
        for (Listener l : listeners) {
            l.executor().execute(() -> l.consumer().accept(event));
        }
    }

    @Override
    public DeviceView view() {
        return new DeviceView(reading, totals, relay, relay, protection, faults, alarms, settings, powerOn,
                screenTimeout, countdownLeft, 0, 42.5, 3, true, NetworkIndicator.OFF, Map.copyOf(health));
    }

    @Override
    public CompletionStage<Outcome> execute(DeviceCommand command) {
        received.add(command);
        Function<DeviceCommand, CompletionStage<Outcome>> custom = answer;
        if (custom != null) {
            return custom.apply(command);
        }
        return CompletableFuture.supplyAsync(() -> apply(command), control);
    }

    private Outcome apply(DeviceCommand command) {
        return switch (command) {
            case DeviceCommand.Relay(boolean on) -> {
                if (on && !voltageHealthy) {
                    yield Outcome.refused("voltage unhealthy");
                }
                relay = on;
                protection = on ? ProtectionEngine.State.ON : ProtectionEngine.State.OFF;
                yield Outcome.accepted();
            }
            case DeviceCommand.ToggleRelay() -> {
                relay(!relay);
                yield Outcome.accepted();
            }
            case DeviceCommand.ChangeSetting(String name, double value) when name.equals("screenTimeout") -> {
                screenTimeout = (int) value;
                yield Outcome.accepted();
            }
            case DeviceCommand.ChangeSetting(String name, double value) -> {
                SettingResult r = settings.with(name, value);
                if (r instanceof SettingResult.Applied(ProtectionSettings next)) {
                    settings = next;
                    if (name.equals("countdown")) {
                        countdownLeft = (long) value;
                    }
                    yield Outcome.accepted();
                }
                yield Outcome.refused(r.toString());
            }
            case DeviceCommand.SetPowerOnState(PowerOnState state) -> {
                powerOn = state;
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetEnergy() -> {
                totals = new DeviceView.Totals(0, 0, 0, 0, 0, totals.runTimeSeconds(), 0);
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetLockout() -> {
                protection = ProtectionEngine.State.OFF;
                yield Outcome.accepted();
            }
            default -> Outcome.refused("not supported by the fake");
        };
    }

    @Override
    public Subscription subscribe(Executor executor, Consumer<DeviceEvent> listener) {
        Listener l = new Listener(executor, listener);
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Optional<Glass> glass() {
        return Optional.empty();
    }

    @Override
    public void reportHealth(String part, String problem) {
        healthReports.add(part + ": " + problem);
        if (problem == null) {
            health.remove(part);
        } else {
            health.put(part, problem);
        }
    }

    @Override
    public void showNetwork(NetworkIndicator indicator) {
    }
}
