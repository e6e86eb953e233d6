package io.openkws.tuyamcu;

import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.DpType;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The KWS-302WF's Tuya data points (fact sheet part B5) in both directions: a {@link DeviceView} as the state
 * reports the stock MCU sent, and a data point the module sends as the {@link DeviceCommand} it means.
 *
 * <p>Exists to keep every scale, range and uncertain meaning in one place. Values the module sends outside openkws'
 * own range of a setting are clamped to that range before they are applied; the bridge then reports the value in
 * force, so the app shows what the meter really does.
 */
final class Kws302wfDps {

    static final int FAULT = 10;
    static final int SWITCH = 16;
    static final int VOLTAGE = 101;
    static final int CURRENT = 102;
    static final int POWER = 103;
    static final int RUN_TIME = 104;
    static final int ENERGY = 105;
    static final int POWER_FACTOR = 106;
    static final int FREQUENCY = 107;
    static final int UNDER_VOLTAGE = 109;
    static final int OVER_VOLTAGE = 110;
    static final int OVER_CURRENT = 111;
    static final int AUTO_OFF = 112;
    static final int OVER_POWER = 114;
    static final int POWER_ON_STATE = 117;
    static final int RESET_ENERGY = 118;
    static final int SCREEN_TIMEOUT = 119;
    static final int RESET_RUN_TIME = 120;
    static final int COUNTDOWN = 121;

    /** Every data point the bridge reports, in report order. */
    static final List<Integer> ALL = List.of(SWITCH, VOLTAGE, CURRENT, POWER, RUN_TIME, ENERGY, POWER_FACTOR,
            FREQUENCY, UNDER_VOLTAGE, OVER_VOLTAGE, OVER_CURRENT, AUTO_OFF, OVER_POWER, POWER_ON_STATE, RESET_ENERGY,
            SCREEN_TIMEOUT, RESET_RUN_TIME, COUNTDOWN, FAULT);

    /** Fault bitmap bits (B5: bit0 OV, 1 UV, 2 OC, 3 over-energy, 4 over-power, 5 over-temperature). */
    static final int BIT_OV = 1;
    static final int BIT_UV = 1 << 1;
    static final int BIT_OC = 1 << 2;
    static final int BIT_OP = 1 << 4;

    private Kws302wfDps() {
    }

    /**
     * The state of every data point, as the module should see it. The readings (101-103, 106, 107) are left out
     * while the view has no valid reading, rather than reported as a false zero.
     */
    static List<DataPoint> report(DeviceView v) {
        List<DataPoint> dps = new ArrayList<>(ALL.size());
        for (int id : ALL) {
            dp(v, id).ifPresent(dps::add);
        }
        return dps;
    }

    /** The state of data point {@code id}, empty when it has no value now (or the bridge does not know it). */
    static Optional<DataPoint> dp(DeviceView v, int id) {
        DeviceView.Measurement m = v.reading();
        ProtectionSettings s = v.settings();
        return Optional.ofNullable(switch (id) {
            case SWITCH -> DataPoint.bool(id, v.relayClosed());
            case VOLTAGE -> m == null ? null : DataPoint.value(id, clampInt(m.voltageV() * 10));
            case CURRENT -> m == null ? null : DataPoint.value(id, clampInt(m.currentA() * 1000));
            case POWER -> m == null ? null : DataPoint.value(id, clampInt(m.powerW() * 10));
            case RUN_TIME -> DataPoint.value(id, clampInt(v.totals().runTimeSeconds() / 60));
            case ENERGY -> DataPoint.value(id, clampInt(v.totals().energyKWh() * 1000));   // on disk: never goes back
            case POWER_FACTOR -> m == null ? null
                    : DataPoint.value(id, clampInt(Math.min(1, Math.abs(m.powerFactor())) * 100));
            case FREQUENCY -> m == null ? null : DataPoint.value(id, clampInt(m.frequencyHz()));
            case UNDER_VOLTAGE -> DataPoint.value(id, clampInt(s.underVoltageV()));
            case OVER_VOLTAGE -> DataPoint.value(id, clampInt(s.overVoltageV()));
            case OVER_CURRENT -> DataPoint.value(id, clampInt(s.overCurrentA() * 1000));
            case AUTO_OFF -> DataPoint.value(id, clampInt(s.countdownSeconds() / 60.0));
            case OVER_POWER -> DataPoint.value(id, clampInt(s.overPowerW()));
            case POWER_ON_STATE -> DataPoint.enumeration(id, switch (v.powerOnState()) {
                case OFF -> 0;
                case ON -> 1;
                case MEMORY -> 2;
            });
            case RESET_ENERGY, RESET_RUN_TIME -> DataPoint.bool(id, false);
            case SCREEN_TIMEOUT -> DataPoint.value(id, v.screenTimeoutMinutes());
            case COUNTDOWN -> DataPoint.value(id, clampInt(v.countdownLeftSeconds()));
            case FAULT -> DataPoint.bitmap8(id, faultBits(v));
            default -> null;
        });
    }

    static int faultBits(DeviceView v) {
        int bits = 0;
        for (Fault f : v.faults()) {
            bits |= switch (f) {
                case OVP -> BIT_OV;
                case UVP -> BIT_UV;
                case OCP -> BIT_OC;
                case OPP -> BIT_OP;
                case METER_LOST -> 0;
            };
        }
        return bits;
    }

    /** What the module asked for with one data point of a send command (0x06). */
    sealed interface Write {
        /** The data points to report back once the command's outcome is known. */
        List<Integer> reportBack();
    }

    /** Apply {@code command}; {@code clampedFrom} names the raw value when it was moved into openkws' range. */
    record Apply(DeviceCommand command, List<Integer> reportBack, Optional<String> clampedFrom) implements Write {
    }

    /** Nothing to apply (read-only data point, wrong type, a reset sent as false); report the state back. */
    record Ignore(String reason, List<Integer> reportBack) implements Write {
    }

    /** A data point this bridge does not implement; {@code reportBack} is empty. */
    record Unknown(int dp) implements Write {
        @Override
        public List<Integer> reportBack() {
            return List.of();
        }
    }

    /** The meaning of data point {@code dp} sent by the module, with openkws' setting ranges from {@code info}. */
    static Write write(DataPoint dp, DeviceInfo info) {
        int id = dp.id();
        if (!ALL.contains(id)) {
            return new Unknown(id);
        }
        List<Integer> self = List.of(id);
        DpType expected = type(id);
        if (dp.type() != expected) {
            return new Ignore("dp" + id + " must be a " + expected.wireName() + ", not a " + dp.type().wireName(),
                    self);
        }
        long raw = dp.number().orElseThrow();
        return switch (id) {
            case SWITCH -> new Apply(new DeviceCommand.Relay(raw != 0), self, Optional.empty());
            case UNDER_VOLTAGE -> setting(info, "underVoltage", raw, 1, self);
            case OVER_VOLTAGE -> setting(info, "overVoltage", raw, 1, self);
            case OVER_CURRENT -> setting(info, "overCurrent", raw, 0.001, self);
            case AUTO_OFF -> setting(info, "countdown", raw, 60, List.of(AUTO_OFF, COUNTDOWN));
            case OVER_POWER -> setting(info, "overPower", raw, 1, self);
            case SCREEN_TIMEOUT -> setting(info, DeviceInfo.SCREEN_TIMEOUT.name(), raw, 1, self);
            case COUNTDOWN -> setting(info, "countdown", raw, 1, List.of(AUTO_OFF, COUNTDOWN));
            case POWER_ON_STATE -> raw <= 2
                    ? new Apply(new DeviceCommand.SetPowerOnState(PowerOnState.values()[(int) raw]), self,
                            Optional.empty())
                    : new Ignore("dp117 " + raw + " is not 0 (off), 1 (on) or 2 (memory)", self);
            case RESET_ENERGY -> raw != 0 ? new Apply(new DeviceCommand.ResetEnergy(), List.of(id, ENERGY),
                    Optional.empty()) : new Ignore("dp118 false resets nothing", self);
            case RESET_RUN_TIME -> raw != 0 ? new Apply(new DeviceCommand.ResetRunTime(), List.of(id, RUN_TIME),
                    Optional.empty()) : new Ignore("dp120 false resets nothing", self);
            default -> new Ignore("dp" + id + " is read-only", self);
        };
    }

    private static Write setting(DeviceInfo info, String name, long raw, double unit, List<Integer> reportBack) {
        double wanted = raw * unit;
        Optional<SettingSpec> spec = info.setting(name);
        if (spec.isEmpty()) {
            return new Ignore("this device has no setting '" + name + "'", reportBack);
        }
        double value = Math.max(spec.get().min(), Math.min(spec.get().max(), wanted));
        Optional<String> clamped = value == wanted ? Optional.empty() : Optional.of(Long.toString(raw));
        return new Apply(new DeviceCommand.ChangeSetting(name, value), reportBack, clamped);
    }

    /** The wire type of data point {@code id}. */
    static DpType type(int id) {
        return switch (id) {
            case SWITCH, RESET_ENERGY, RESET_RUN_TIME -> DpType.BOOL;
            case POWER_ON_STATE -> DpType.ENUM;
            case FAULT -> DpType.BITMAP;
            default -> DpType.VALUE;
        };
    }

    private static int clampInt(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(v)));
    }
}
