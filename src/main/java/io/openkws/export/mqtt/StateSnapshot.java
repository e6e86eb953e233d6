package io.openkws.export.mqtt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything published on the {@code state} topic, as plain values copied from the controller.
 *
 * <p>Exists so the exporter never reaches into the controller: the control loop builds one immutable snapshot
 * and hands it over without waiting. Units: volts, amps, watts, volt-amperes, var, hertz, kWh, seconds. A
 * reading that is not available (meter lost) is {@link Double#NaN} and is published as JSON {@code null}.
 *
 * @param relay "on" or "off"
 * @param faults active fault names (OVP, UVP, OCP, OPP, METER_LOST)
 * @param protection the protection engine's state name
 * @param countdownSeconds seconds left on the user countdown, 0 = none
 * @param uptimeSeconds seconds since the controller started
 * @param powerOnState off, on or memory
 * @param settings current value of each user setting by {@code SettingSpec} name
 */
public record StateSnapshot(double voltage, double current, double power, double apparentPower,
        double reactivePower, double powerFactor, double frequency, double energyKwh, double energyTodayKwh,
        double energyYesterdayKwh, long runTimeSeconds, String relay, List<String> faults, String protection,
        long countdownSeconds, long badFrames, long uptimeSeconds, String powerOnState,
        Map<String, Double> settings) {

    public StateSnapshot {
        Objects.requireNonNull(relay, "relay");
        if (!relay.equals("on") && !relay.equals("off")) {
            throw new IllegalArgumentException("relay must be on or off: " + relay);
        }
        faults = List.copyOf(faults);
        protection = Objects.requireNonNullElse(protection, "");
        powerOnState = Objects.requireNonNullElse(powerOnState, "off");
        settings = Map.copyOf(settings);
    }
}
