package io.openkws.app;

import io.openkws.driver.button.ButtonEvent;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import io.openkws.protect.Source;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceView;
import io.openkws.service.NetworkIndicator;
import io.openkws.service.Outcome;
import io.openkws.ui.DeviceUi;
import io.openkws.ui.DisplayData;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.MenuItem;
import io.openkws.ui.Pages;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.UiAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front panel of the running device: a front-end over the device service like MQTT or the web console, with
 * the board's buttons as input and the LCD as output.
 *
 * <p>Exists so the menu logic (pure, in {@link DeviceUi}) meets the device in one place, on the panel's own
 * thread: button gestures become {@link DeviceCommand}s (relay toggles with the {@code button} cause), a refusal
 * (voltage unhealthy, inconsistent limits) shows {@code no} on the LCD, and the {@link DeviceView} becomes what the
 * LCD shows, with the {@code wifi} icon a network front-end reported. Thread-safe.
 */
public final class Panel {

    private static final Logger LOG = LoggerFactory.getLogger(Panel.class);

    /** Device-only settings edited on the panel and their ranges. */
    public static final SettingSpec AUTO_OFF_MINUTES = new SettingSpec("autoOff", "min", 0, 10080, 1);
    /** The menu offers 0–60 min in steps of 1 (the config file and remote front-ends allow up to 1440). */
    public static final SettingSpec SCREEN_TIMEOUT_MINUTES = new SettingSpec("screenTimeout", "min", 0, 60, 1);
    public static final String POWER_ON_STATE = DeviceCore.POWER_ON_STATE;
    private static final String WIFI = "wifi";

    private final DeviceUi ui;
    private ProtectionSettings mappedSettings;
    private Map<String, Double> settingsMap;
    private final DeviceCore device;
    private final boolean hasWifiIcon;
    private volatile boolean stopped;
    private final java.util.concurrent.ConcurrentLinkedQueue<String> refusals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public Panel(SegmentMap map, DeviceCore device, long startNanos) {
        List<SettingSpec> specs = new ArrayList<>(ProtectionSettings.SPECS);
        specs.add(AUTO_OFF_MINUTES);
        specs.add(SCREEN_TIMEOUT_MINUTES);
        this.ui = new DeviceUi(map, MenuItem.standard(specs), startNanos);
        this.device = device;
        this.hasWifiIcon = map.icons().contains(WIFI);
    }

    /** A button gesture at {@code nowNanos}. */
    public synchronized void button(ButtonEvent event, long nowNanos) {
        if (stopped) {
            return;
        }
        for (UiAction action : ui.onButton(event, data(device.view()))) {
            dispatch(action, nowNanos);
        }
    }

    /** Lets the menu time out; call every pass of the panel's loop. */
    public synchronized void tick(long nowNanos) {
        showRefusals(nowNanos);
        List<UiAction> actions = ui.tick(nowNanos);
        for (int i = 0; i < actions.size(); i++) {
            dispatch(actions.get(i), nowNanos);
        }
    }

    /** What the LCD shows now: a fixed {@code OFF} once {@link #stop()} was called. */
    public synchronized LcdFrame frame(long nowNanos) {
        if (stopped) {
            return LcdFrame.text(Pages.MAIN, Pages.Message.OFF.text());
        }
        DeviceView view = device.view();
        LcdFrame frame = ui.frame(data(view), nowNanos);
        if (hasWifiIcon && view.network() != NetworkIndicator.OFF) {
            frame = frame.withIcon(WIFI);
            if (view.network() == NetworkIndicator.BLINKING) {
                frame = frame.withBlinking("icon." + WIFI);
            }
        }
        return frame;
    }

    /** Protection is stopping: the glass shows {@code OFF} from now on and buttons do nothing. */
    public void stop() {
        stopped = true;
    }

    private void dispatch(UiAction action, long nowNanos) {
        DeviceCommand command = switch (action) {
            case UiAction.ToggleRelay() -> new DeviceCommand.ToggleRelay();
            case UiAction.ChangeSetting(String name, double value) -> new DeviceCommand.ChangeSetting(name, value);
            case UiAction.ChangeChoice(String name, String value) -> name.equals(POWER_ON_STATE)
                    ? new DeviceCommand.SetPowerOnState(PowerOnState.valueOf(value.toUpperCase(Locale.ROOT)))
                    : null;
            case UiAction.SetCountdown(long seconds) -> new DeviceCommand.ChangeSetting("countdown", seconds);
            case UiAction.FactoryReset() -> new DeviceCommand.FactoryReset();
        };
        if (command == null) {
            LOG.warn("panel: no device setting named {}", action);
            return;
        }
        CompletionStage<Outcome> answer = device.execute(command, Source.BUTTON);
        answer.thenAccept(outcome -> {
            if (!outcome.ok()) {
                refusals.add(outcome.error());
            }
        });
    }

    /** Refusals arrive on the device thread; the panel shows them on its own thread (it never blocks that one). */
    private void showRefusals(long nowNanos) {
        String reason;
        while ((reason = refusals.poll()) != null) {
            LOG.info("panel request refused: {}", reason);
            ui.onRefused(reason, nowNanos);
        }
    }

    private DisplayData data(DeviceView v) {
        DeviceView.Measurement r = v.reading();
        String fault = v.protection() == ProtectionEngine.State.LOCKED_OUT ? "LOCK" : firstFault(v);
        return new DisplayData(
                r == null ? Double.NaN : r.voltageV(), r == null ? Double.NaN : r.currentA(),
                r == null ? Double.NaN : r.powerW(), v.totals().liveEnergyKWh(),
                r == null ? Double.NaN : r.frequencyHz(), r == null ? Double.NaN : r.powerFactor(),
                v.totals().runTimeSeconds(), v.relayClosed(), fault, v.recoveryLeftSeconds(),
                v.countdownLeftSeconds(), settingsMap(v.settings()), v.powerOnState().wire(),
                Math.min(v.screenTimeoutMinutes(), (int) DeviceInfo.SCREEN_TIMEOUT.max()));
    }

    /**
     * The settings as the menu reads them, rebuilt only when the settings change (the panel renders ten frames a
     * second; the settings object is immutable and replaced on every change). Immutable, so the display data keeps
     * it without copying.
     */
    private Map<String, Double> settingsMap(ProtectionSettings settings) {
        if (settings != mappedSettings) {
            settingsMap = Map.copyOf(settings.toMap());
            mappedSettings = settings;
        }
        return settingsMap;
    }

    private static String firstFault(DeviceView v) {
        for (io.openkws.protect.Alarm a : new io.openkws.protect.Alarm[] {io.openkws.protect.Alarm.COIL_FAILURE,
            io.openkws.protect.Alarm.RELAY_WELDED}) {
            if (v.alarms().contains(a)) {
                return a.name();
            }
        }
        for (Fault f : new Fault[] {Fault.METER_LOST, Fault.OVP, Fault.UVP, Fault.OCP, Fault.OPP}) {
            if (v.faults().contains(f)) {
                return f.name();
            }
        }
        return null;
    }
}
