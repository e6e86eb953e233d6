package io.openkws.service;

import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about the device that do not change while it runs.
 *
 * <p>Exists so front-ends can label and validate what they show (units, ranges, steps) from one table and say
 * which board, chip and calibration they are looking at.
 *
 * @param version           openkws version
 * @param board             the board's name (e.g. {@code kws302wf}, {@code sim})
 * @param chip              the metering chip ({@code ht7017}, {@code bl0942}, {@code bl0937})
 * @param calibrationProfile the calibration profile's name
 * @param hasPanel          whether the board has the LCD and buttons (virtual front panel possible)
 * @param settings          every run-time setting, protection ones first, then {@link #SCREEN_TIMEOUT}
 */
public record DeviceInfo(String version, String board, String chip, String calibrationProfile, boolean hasPanel,
                         List<SettingSpec> settings) {

    /** The screen timeout, minutes, 0 = never (a device setting, not a protection one). */
    public static final SettingSpec SCREEN_TIMEOUT = new SettingSpec("screenTimeout", "min", 0, 1440, 1);

    /** Every run-time setting: {@link ProtectionSettings#SPECS} then {@link #SCREEN_TIMEOUT}. */
    public static List<SettingSpec> runTimeSettings() {
        List<SettingSpec> all = new ArrayList<>(ProtectionSettings.SPECS);
        all.add(SCREEN_TIMEOUT);
        return List.copyOf(all);
    }

    public DeviceInfo {
        settings = List.copyOf(settings);
    }

    /** The spec of run-time setting {@code name}. */
    public Optional<SettingSpec> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
