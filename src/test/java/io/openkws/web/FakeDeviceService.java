package io.openkws.web;

import io.openkws.driver.button.Button;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.protect.Alarm;
import io.openkws.protect.Cause;
import io.openkws.protect.Command;
import io.openkws.protect.Event;
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
import io.openkws.ui.LcdFrame;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.SvgRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An in-memory {@link DeviceService} for the console's tests: a view the test sets, commands recorded and applied
 * with the same range rules as the protection settings, events the test emits, and a glass drawn with the
 * kws302wf segment map.
 *
 * <p>Exists so the console is tested against the contract alone, without the controller: what the page shows must
 * come from the service, and what it sends must arrive as the service's commands.
 */
final class FakeDeviceService implements DeviceService {

    static final SegmentMap MAP = SegmentMap.load(Path.of("hardware/kws302wf/lcd-segments.csv"));

    final List<DeviceCommand> commands = new CopyOnWriteArrayList<>();
    final Map<String, String> health = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Sub> subscribers = new CopyOnWriteArrayList<>();
    private final DeviceInfo info = new DeviceInfo("0.1.0-test", "kws302wf", "ht7017", "factory", true,
            DeviceInfo.runTimeSettings());

    private double voltageV = 230.0;
    private double currentA = 1.5;
    private boolean hasReading = true;
    private boolean relayClosed;
    private boolean desiredOn;
    private ProtectionSettings settings = ProtectionSettings.DEFAULTS;
    private PowerOnState powerOnState = PowerOnState.MEMORY;
    private int screenTimeout;
    private double energyKWh = 12.5;
    private long badFrames = 3;
    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    private final Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
    private final Map<String, String> degraded = new LinkedHashMap<>();
    private String glassText = "230.0";
    private boolean powerDown;
    private long tNanos;

    private record Sub(Executor executor, Consumer<DeviceEvent> listener) {
    }

    @Override
    public synchronized DeviceView view() {
        DeviceView.Measurement m = hasReading ? new DeviceView.Measurement(voltageV, relayClosed ? currentA : 0,
                relayClosed ? voltageV * currentA : 0, relayClosed ? voltageV * currentA : 0, 0, 1.0, 50.0, 100)
                : null;
        ProtectionEngine.State st = !faults.isEmpty() ? ProtectionEngine.State.TRIPPED
                : relayClosed ? ProtectionEngine.State.ON : ProtectionEngine.State.OFF;
        return new DeviceView(m, new DeviceView.Totals(energyKWh, 1.25, 2.5, 10, 20, 3600, 0), relayClosed, desiredOn,
                st, faults, alarms, settings, powerOnState, screenTimeout, 0, 0, 123.0, badFrames, hasReading,
                NetworkIndicator.OFF, degraded);
    }

    @Override
    public CompletionStage<Outcome> execute(DeviceCommand command) {
        commands.add(command);
        Outcome outcome;
        synchronized (this) {
            outcome = apply(command);
        }
        if (outcome.ok()) {
            publish(new DeviceEvent.Changed(view()));
        }
        return CompletableFuture.completedFuture(outcome);
    }

    private Outcome apply(DeviceCommand command) {
        return switch (command) {
            case DeviceCommand.Relay(boolean on) -> relay(on, Cause.COMMAND);
            case DeviceCommand.ToggleRelay() -> relay(!desiredOn, Cause.COMMAND);
            case DeviceCommand.ChangeSetting(String name, double value) -> {
                if (name.equals(DeviceInfo.SCREEN_TIMEOUT.name())) {
                    if (!DeviceInfo.SCREEN_TIMEOUT.accepts(value)) {
                        yield Outcome.refused("screenTimeout: out of range (0 to 1440 min)");
                    }
                    screenTimeout = (int) value;
                    yield Outcome.accepted();
                }
                yield switch (settings.with(name, value)) {
                    case SettingResult.Applied(ProtectionSettings next) -> {
                        settings = next;
                        yield Outcome.accepted();
                    }
                    case SettingResult.Rejected(String error) -> Outcome.refused(error);
                };
            }
            case DeviceCommand.SetPowerOnState(PowerOnState s) -> {
                powerOnState = s;
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetEnergy() -> {
                energyKWh = 0;
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetLockout(), DeviceCommand.ResetRunTime(), DeviceCommand.FactoryReset() ->
                    Outcome.accepted();
            case DeviceCommand.PressButton(Button button, boolean down) -> {
                if (button == Button.POWER) {
                    if (down) {
                        powerDown = true;
                    } else if (powerDown) {
                        powerDown = false;
                        yield relay(!desiredOn, Cause.BUTTON);
                    }
                }
                yield Outcome.accepted();
            }
        };
    }

    private Outcome relay(boolean on, Cause cause) {
        if (on && !settings.healthy(voltageV)) {
            String reason = "voltage unhealthy";
            emit(new Event.Refused(tNanos += 1_000_000, Command.RELAY_ON, reason));
            return Outcome.refused(reason);
        }
        desiredOn = on;
        if (relayClosed != on) {
            relayClosed = on;
            glassText = on ? "On" : "OFF";
            emit(new Event.Relay(tNanos += 1_000_000, on, cause));
        }
        return Outcome.accepted();
    }

    @Override
    public Subscription subscribe(Executor executor, Consumer<DeviceEvent> listener) {
        Sub s = new Sub(executor, listener);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public synchronized Optional<Glass> glass() {
        RamImage ram = LcdFrame.text("main", glassText).withIcon(glassText.equals("On") || glassText.equals("OFF")
                ? "relay" : "V").toRam(MAP, true);
        return Optional.of(new Glass(ram, new SvgRenderer(MAP).render(ram)));
    }

    @Override
    public void reportHealth(String part, String problem) {
        if (problem == null) {
            health.remove(part);
        } else {
            health.put(part, problem);
        }
    }

    @Override
    public void showNetwork(NetworkIndicator indicator) {
    }

    // ---- what tests change ----

    synchronized void voltage(double v) {
        voltageV = v;
        glassText = String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    synchronized void noReading() {
        hasReading = false;
    }

    synchronized void energy(double kWh) {
        energyKWh = kWh;
    }

    synchronized void degrade(String part, String reason) {
        degraded.put(part, reason);
    }

    synchronized ProtectionSettings settings() {
        return settings;
    }

    /** A trip as the controller would report it: fault active, relay open, event logged. */
    void trip(Fault fault, double value, double limit) {
        synchronized (this) {
            faults.add(fault);
            relayClosed = false;
        }
        emit(new Event.Trip(tNanos += 1_000_000, fault, value, limit));
        publish(new DeviceEvent.Changed(view()));
    }

    void emit(Event event) {
        publish(new DeviceEvent.Logged(event));
    }

    List<DeviceCommand> commandsSince(int index) {
        return new ArrayList<>(commands.subList(index, commands.size()));
    }

    private void publish(DeviceEvent event) {
        for (Sub s : subscribers) {
            s.executor().execute(() -> s.listener().accept(event));
        }
    }
}
