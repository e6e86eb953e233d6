package io.openkws.meter.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Profile;
import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/** The BL0942 and BL0937 profile files with a calibration's trim: written, read back, and read through. */
class TrimProfileFileTest {

    private static final Trim TRIM = new Trim(1.0123, 0, 0.9712, 2999.5, 1.5e6, 1.0321, 41.25);

    @Test
    void a_bl0942_profile_with_trim_reads_back_as_written_and_its_readings_go_through_the_trim() {
        Bl0942Profile base = Bl0942Profile.load(Path.of("hardware/sim-bl0942/calibration.yaml"));
        Bl0942Profile trimmed = base.withTrim("bench", "a \"quoted\" note", TRIM);
        String yaml = ProfileFile.toYaml(trimmed);
        Bl0942Profile back = Bl0942Profile.from(ConfNode.parse("written", yaml));
        assertEquals(trimmed, back, yaml);
        double iRms = 500_000;
        double expected = (Math.sqrt(iRms * iRms - 1.5e6) - 2999.5) / (base.currentScale() * 0.9712);
        assertEquals(expected, back.currentA((int) iRms), 1e-9);
        assertEquals(base.currentA((int) iRms), iRms / base.currentScale(), 1e-12, "no trim: the datasheet scale alone");
        assertEquals(base.energyCountsPerKWh() * 1.0321, back.trimmedEnergyCountsPerKWh(), 1e-9);
        assertEquals(0, back.voltageV(0), "a lost mains reads 0 V, not below");
    }

    @Test
    void a_bl0937_profile_with_trim_reads_back_as_written_and_never_reads_negative_power() {
        Bl0937Profile base = Bl0937Profile.load(Path.of("hardware/bl0937-generic/calibration.yaml"));
        Bl0937Profile trimmed = base.withTrim("bench", "note", TRIM);
        Bl0937Profile back = Bl0937Profile.from(ConfNode.parse("written", ProfileFile.toYaml(trimmed)));
        assertEquals(trimmed.trim(), back.trim());
        assertEquals(trimmed.scales().ampsPerHz(), back.scales().ampsPerHz(), 1e-9 * trimmed.scales().ampsPerHz());
        assertEquals(0, back.powerW(10), "10 Hz of CF below the 41.25 Hz offset");
        ChannelScales eff = back.effectiveScales();
        assertEquals(eff.currentA(100), back.currentA(100), 1e-12);
        assertEquals(TRIM.powerGain() / base.scales().kWhPerPulse(), back.pulsesPerKWh(), 1e-6);
    }

    @Test
    void a_trim_out_of_range_is_refused_with_the_file_line_and_key() {
        ConfigException e = Assertions.assertThrows(ConfigException.class, () -> Bl0942Profile.from(ConfNode.parse("p.yaml",
                "name: x\nscales: { voltage: 1, current: 1, power: 1 }\ntrim: { currentGain: 7 }\n")));
        assertTrue(e.getMessage().contains("currentGain"), e.getMessage());
        ConfigException unknown = Assertions.assertThrows(ConfigException.class, () -> Bl0937Profile.from(ConfNode.parse("p.yaml",
                "name: x\nscales: { voltage: 1, current: 1, power: 1 }\ntrim: { gain: 1 }\n")));
        assertTrue(unknown.getMessage().contains("gain"), unknown.getMessage());
    }
}
