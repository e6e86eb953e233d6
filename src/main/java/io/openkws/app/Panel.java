package io.openkws.app;

import io.openkws.driver.button.ButtonEvent;
import io.openkws.meter.Reading;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import io.openkws.protect.Source;
import io.openkws.store.PersistedState;
import io.openkws.ui.DeviceUi;
import io.openkws.ui.DisplayData;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.MenuItem;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.UiAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front panel of the running device: button gestures go through the {@link DeviceUi} menu to the
 * {@link Controller}, and the controller's status becomes what the LCD shows.
 *
 * <p>Exists so the menu logic (pure) and the control loop meet in one place, on the panel's own thread: the
 * relay toggle goes through the protection engine (a refusal is shown on the LCD), protection settings go to the
 * engine (a setting the engine rejects, such as limits that leave no healthy voltage, is refused on the LCD too),
 * and the device-only settings (power-on state, screen timeout) to {@link DeviceState}. Thread-safe.
 */
public final class Panel {

    private static final Logger LOG = LoggerFactory.getLogger(Panel.class);

    /** Device-only settings edited on the panel and their ranges. */
    public static final SettingSpec AUTO_OFF_MINUTES = new SettingSpec("autoOff", "min", 0, 10080, 1);
    public static final SettingSpec SCREEN_TIMEOUT_MINUTES = new SettingSpec("screenTimeout", "min", 0, 60, 1);
    public static final String POWER_ON_STATE = "powerOnState";

    private final DeviceUi ui;
    private final Controller controller;
    private final DeviceState device;
    private final String defaultPowerOnState;
    private final int defaultScreenTimeoutMinutes;

    public Panel(SegmentMap map, Controller controller, DeviceState device, String defaultPowerOnState,
                 int defaultScreenTimeoutMinutes, long startNanos) {
        List<SettingSpec> specs = new ArrayList<>(ProtectionSettings.SPECS);
        specs.add(AUTO_OFF_MINUTES);
        specs.add(SCREEN_TIMEOUT_MINUTES);
        this.ui = new DeviceUi(map, MenuItem.standard(specs), startNanos);
        this.controller = controller;
        this.device = device;
        this.defaultPowerOnState = defaultPowerOnState;
        this.defaultScreenTimeoutMinutes = defaultScreenTimeoutMinutes;
    }

    /** A button gesture at {@code nowNanos}. */
    public synchronized void button(ButtonEvent event, long nowNanos) {
        for (UiAction action : ui.onButton(event, data(nowNanos))) {
            dispatch(action, nowNanos);
        }
    }

    /** Lets the menu time out; call every pass of the panel's loop. */
    public synchronized void tick(long nowNanos) {
        for (UiAction action : ui.tick(nowNanos)) {
            dispatch(action, nowNanos);
        }
    }

    /** What the LCD shows now. */
    public synchronized LcdFrame frame(long nowNanos) {
        return ui.frame(data(nowNanos), nowNanos);
    }

    private void dispatch(UiAction action, long nowNanos) {
        switch (action) {
            case UiAction.ToggleRelay() -> submit(new Controller.Request.ToggleRelay(Source.BUTTON), nowNanos);
            case UiAction.ChangeSetting(String name, double value) -> {
                if (name.equals(SCREEN_TIMEOUT_MINUTES.name())) {
                    device.setting(name, Integer.toString((int) value));
                } else {
                    submit(new Controller.Request.ChangeSetting(name, value), nowNanos);
                }
            }
            case UiAction.ChangeChoice(String name, String value) -> device.setting(name, value);
            case UiAction.SetCountdown(long seconds) ->
                    submit(new Controller.Request.ChangeSetting("countdown", seconds), nowNanos);
            case UiAction.FactoryReset() -> controller.submit(new Controller.Request.FactoryReset());
        }
    }

    /** Hands {@code request} to the loop; a refusal (voltage unhealthy, inconsistent limits) shows on the panel. */
    private void submit(Controller.Request request, long nowNanos) {
        controller.submit(request).thenAccept(outcome -> {
            if (!outcome.ok()) {
                LOG.info("panel request refused: {}", outcome.error());
                refused(outcome.error(), nowNanos);
            }
        });
    }

    private synchronized void refused(String reason, long nowNanos) {
        ui.onRefused(reason, nowNanos);
    }

    /** The power-on state in force: changed on the device or remotely, else the configured one. */
    public String powerOnState() {
        return device.snapshot().settings().getOrDefault(POWER_ON_STATE, defaultPowerOnState);
    }

    private int screenTimeoutMinutes(PersistedState persisted) {
        String value = persisted.settings().get(SCREEN_TIMEOUT_MINUTES.name());
        try {
            return value == null ? defaultScreenTimeoutMinutes : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return defaultScreenTimeoutMinutes;
        }
    }

    private DisplayData data(long nowNanos) {
        Controller.Status status = controller.status();
        Reading r = status.reading();
        PersistedState persisted = device.snapshot();
        String fault = status.state() == ProtectionEngine.State.LOCKED_OUT ? "LOCK" : firstFault(status);
        return new DisplayData(
                r == null ? Double.NaN : r.voltageV(), r == null ? Double.NaN : r.currentA(),
                r == null ? Double.NaN : r.powerW(), persisted.energyKWh(),
                r == null ? Double.NaN : r.frequencyHz(), r == null ? Double.NaN : r.powerFactor(),
                persisted.runTimeSeconds(), status.relayClosed(), fault,
                ceilSeconds(status.autoCloseRemainingNanos()), ceilSeconds(status.countdownRemainingNanos()),
                status.settings().toMap(), powerOnState().toLowerCase(Locale.ROOT), screenTimeoutMinutes(persisted));
    }

    private static String firstFault(Controller.Status status) {
        for (Fault f : new Fault[] {Fault.METER_LOST, Fault.OVP, Fault.UVP, Fault.OCP, Fault.OPP}) {
            if (status.faults().contains(f)) {
                return f.name();
            }
        }
        return null;
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
