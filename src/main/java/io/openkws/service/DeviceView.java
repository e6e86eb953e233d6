package io.openkws.service;

import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a front-end shows, as plain values copied from the controller at one moment.
 *
 * <p>Exists so every front-end renders the same facts (MQTT {@code state}, the web dashboard, the LCD, TuyaMCU data
 * points) without knowing the controller, and so no front-end ever shows a half-initialised device: settings and
 * protection state are always present, only the reading may be missing (no valid reading yet, or meter lost).
 *
 * @param reading                 the last valid reading, or null when there is none
 * @param totals                  energy and run-time totals
 * @param relayClosed             whether the relay's contacts are closed (as tracked)
 * @param desiredOn               whether the user (or the power-on policy) wants the relay on
 * @param protection              the protection engine's state
 * @param faults                  active faults
 * @param alarms                  active alarms (conditions that are not trips)
 * @param settings                the protection settings in force (countdown included)
 * @param powerOnState            what the relay does at the next start
 * @param screenTimeoutMinutes    LCD backlight/screen timeout, 0 = never
 * @param countdownLeftSeconds    time left of the auto-off countdown, 0 = none running
 * @param recoveryLeftSeconds     time left before an automatic close (power-on, restore, retry), 0 = none pending
 * @param uptimeSeconds           seconds since the controller started
 * @param badFrames               bad frames from the metering chip so far
 * @param meterRunning            whether the metering chip is answering
 * @param network                 the WiFi indicator a network front-end (TuyaMCU) reported
 * @param degraded                parts not working as configured, by name (e.g. {@code mqtt}), with the reason
 */
public record DeviceView(Measurement reading, Totals totals, boolean relayClosed, boolean desiredOn,
                         ProtectionEngine.State protection, Set<Fault> faults, Set<Alarm> alarms,
                         ProtectionSettings settings, PowerOnState powerOnState, int screenTimeoutMinutes,
                         long countdownLeftSeconds, long recoveryLeftSeconds, double uptimeSeconds, long badFrames,
                         boolean meterRunning, NetworkIndicator network, Map<String, String> degraded) {

    public DeviceView {
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(powerOnState, "powerOnState");
        Objects.requireNonNull(network, "network");
        faults = Set.copyOf(faults);
        alarms = Set.copyOf(alarms);
        degraded = Map.copyOf(degraded);
    }

    /**
     * Every run-time setting by name, in {@link DeviceInfo#settings()} order: the protection settings (countdown in
     * seconds) and {@code screenTimeout} in minutes.
     */
    public Map<String, Double> settingValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (SettingSpec spec : ProtectionSettings.SPECS) {
            values.put(spec.name(), settings.get(spec.name()));
        }
        values.put(DeviceInfo.SCREEN_TIMEOUT.name(), (double) screenTimeoutMinutes);
        return values;
    }

    /**
     * One calibrated reading. Units: V, A, W, VA, var, ratio in [-1, 1], Hz.
     *
     * @param ageMillis how old the reading was when the view was taken
     */
    public record Measurement(double voltageV, double currentA, double powerW, double apparentPowerVA,
                              double reactivePowerVar, double powerFactor, double frequencyHz, long ageMillis) {
    }

    /**
     * Energy (kWh) and run-time totals. The energy totals are those on disk, so a published total never goes
     * backwards, not even after a crash or a power cut (it only goes down on a user reset); {@code unsavedKWh} is
     * what was counted since (at most a few minutes' worth), for displays that want the live figure.
     *
     * @param runTimeSeconds seconds the relay has been closed in total
     * @param unsavedKWh     energy counted but not yet written to disk
     */
    public record Totals(double energyKWh, double energyTodayKWh, double energyYesterdayKWh,
                         double energyThisMonthKWh, double energyLastMonthKWh, long runTimeSeconds,
                         double unsavedKWh) {

        /** The lifetime total including what is not on disk yet (LCD, web dashboard). */
        public double liveEnergyKWh() {
            return energyKWh + unsavedKWh;
        }
    }
}
