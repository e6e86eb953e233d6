package io.openkws.tuyamcu;

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
 * A {@link DeviceService} that applies commands to a few plain fields the way the controller's contract says
 * (settings through {@link ProtectionSettings#with}, a close refused at unhealthy voltage), records every command and
 * announces every change, so the bridge can be tested before and without the real controller.
 */
final class FakeDeviceService implements DeviceService {

    private final List<DeviceCommand> executed = new ArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, String> health = new LinkedHashMap<>();
    private final List<NetworkIndicator> network = new CopyOnWriteArrayList<>();

    private DeviceView.Measurement reading = new DeviceView.Measurement(230.5, 3.62, 628.4, 818.0, 520.0, 0.76,
            50.0, 100);
    private DeviceView.Totals totals = new DeviceView.Totals(12.345, 1.0, 2.0, 3.0, 4.0, 7260, 0.0);
    private boolean relayClosed = true;
    private Set<Fault> faults = EnumSet.noneOf(Fault.class);
    private ProtectionSettings settings = ProtectionSettings.DEFAULTS;
    private PowerOnState powerOnState = PowerOnState.MEMORY;
    private int screenTimeoutMinutes = 5;
    private long countdownLeftSeconds;

    private record Subscriber(Executor executor, Consumer<DeviceEvent> listener) {
    }

    @Override
    public synchronized DeviceView view() {
        return new DeviceView(reading, totals, relayClosed, relayClosed,
                faults.isEmpty() ? (relayClosed ? ProtectionEngine.State.ON : ProtectionEngine.State.OFF)
                        : ProtectionEngine.State.TRIPPED,
                faults, Set.of(), settings, powerOnState, screenTimeoutMinutes, countdownLeftSeconds, 0, 10.0, 0,
                true, network.isEmpty() ? NetworkIndicator.OFF : network.getLast(), health);
    }

    @Override
    public CompletionStage<Outcome> execute(DeviceCommand command) {
        Outcome outcome;
        synchronized (this) {
            executed.add(command);
            outcome = apply(command);
        }
        if (outcome.ok()) {
            announce();
        }
        return CompletableFuture.completedFuture(outcome);
    }

    private Outcome apply(DeviceCommand command) {
        return switch (command) {
            case DeviceCommand.Relay r -> {
                if (r.on() && (reading == null || !settings.healthy(reading.voltageV()))) {
                    yield Outcome.refused("voltage not healthy");
                }
                relayClosed = r.on();
                yield Outcome.accepted();
            }
            case DeviceCommand.ChangeSetting c when c.name().equals(DeviceInfo.SCREEN_TIMEOUT.name()) -> {
                if (!DeviceInfo.SCREEN_TIMEOUT.accepts(c.value())) {
                    yield Outcome.refused("screenTimeout out of range");
                }
                screenTimeoutMinutes = (int) c.value();
                yield Outcome.accepted();
            }
            case DeviceCommand.ChangeSetting c -> switch (settings.with(c.name(), c.value())) {
                case SettingResult.Applied a -> {
                    settings = a.settings();
                    yield Outcome.accepted();
                }
                case SettingResult.Rejected r -> Outcome.refused(r.error());
            };
            case DeviceCommand.SetPowerOnState p -> {
                powerOnState = p.state();
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetEnergy r -> {
                totals = new DeviceView.Totals(0, 0, 0, 0, 0, totals.runTimeSeconds(), 0);
                yield Outcome.accepted();
            }
            case DeviceCommand.ResetRunTime r -> {
                totals = new DeviceView.Totals(totals.energyKWh(), totals.energyTodayKWh(),
                        totals.energyYesterdayKWh(), totals.energyThisMonthKWh(), totals.energyLastMonthKWh(), 0,
                        totals.unsavedKWh());
                yield Outcome.accepted();
            }
            default -> Outcome.refused(command.name() + " not supported by the fake");
        };
    }

    /** A new reading, without an event (periodic readings are not announced). */
    synchronized void setVoltage(double voltageV) {
        reading = new DeviceView.Measurement(voltageV, reading.currentA(), reading.powerW(),
                reading.apparentPowerVA(), reading.reactivePowerVar(), reading.powerFactor(), reading.frequencyHz(),
                reading.ageMillis());
    }

    /** What the protection engine does on a trip: relay open, fault active, everyone told. */
    void trip(Fault fault) {
        synchronized (this) {
            relayClosed = false;
            faults = EnumSet.of(fault);
        }
        announce();
    }

    void announce() {
        DeviceEvent event = new DeviceEvent.Changed(view());
        for (Subscriber s : subscribers) {
            s.executor().execute(() -> s.listener().accept(event));
        }
    }

    synchronized List<DeviceCommand> executed() {
        return List.copyOf(executed);
    }

    synchronized ProtectionSettings settings() {
        return settings;
    }

    synchronized boolean relayClosed() {
        return relayClosed;
    }

    synchronized Optional<String> health(String part) {
        return Optional.ofNullable(health.get(part));
    }

    List<NetworkIndicator> network() {
        return List.copyOf(network);
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public Subscription subscribe(Executor executor, Consumer<DeviceEvent> listener) {
        Subscriber s = new Subscriber(executor, listener);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo("test", "sim", "ht7017", "default", false, DeviceInfo.runTimeSettings());
    }

    @Override
    public Optional<Glass> glass() {
        return Optional.empty();
    }

    @Override
    public synchronized void reportHealth(String part, String problem) {
        if (problem == null) {
            health.remove(part);
        } else {
            health.put(part, problem);
        }
    }

    @Override
    public void showNetwork(NetworkIndicator indicator) {
        network.add(indicator);
    }
}
