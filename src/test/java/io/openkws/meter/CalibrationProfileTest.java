package io.openkws.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.driver.ht7017.Ht7017Register;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationProfileTest {

    @Test
    void the_default_profile_writes_only_adccon_with_its_reset_value() {
        CalibrationProfile p = CalibrationProfile.load(Path.of("hardware/kws302wf/calibration.yaml"));
        assertEquals("kws302wf-default", p.name());
        assertEquals(Map.of(Ht7017Register.ADCCON, 0), p.registers());
        assertEquals(230.0, p.voltageV((int) Math.round(230 * 10961.98)), 1e-4);
        assertEquals(0.0, p.currentA(100));
        assertEquals(1000.0, p.powerW(-3178), 0.1);
        assertEquals(50.0, p.frequencyHz(10000));
        assertEquals(0.0, p.frequencyHz(0));
        assertEquals(CalibrationProfile.derivedEnergyScale(-3.1777, 0x40), p.energyCountsPerKWh(), 0.01);
    }

    @Test
    void energy_scale_is_derived_from_power_and_hfconst_when_absent() {
        CalibrationProfile p = CalibrationProfile.from(ConfNode.parse("p.yaml", """
                scales: { voltage: 1, current: 1, power: 2.0 }
                registers: { HFConst: 0x80 }
                """));
        assertEquals(2.0 * 15625 * 3.6e6 / (128 * 8388608.0), p.energyCountsPerKWh(), 1e-9);
    }

    @Test
    void power_factor_is_clipped_and_one_without_apparent_power() {
        assertEquals(1.0, CalibrationProfile.powerFactor(0, 0));
        assertEquals(1.0, CalibrationProfile.powerFactor(101, 100));
        assertEquals(-0.5, CalibrationProfile.powerFactor(-50, 100));
    }

    @Test
    void an_unknown_register_name_is_an_error_with_file_and_line() {
        ConfigException e = assertThrows(ConfigException.class, () -> CalibrationProfile.from(ConfNode.parse("p.yaml", """
                scales: { voltage: 1, current: 1, power: 1 }
                registers:
                  GAIN: 1
                """)));
        assertTrue(e.getMessage().startsWith("p.yaml:3: registers.GAIN"), e.getMessage());
    }

    @Test
    void read_only_registers_and_out_of_range_values_are_refused() {
        assertThrows(ConfigException.class, () -> CalibrationProfile.from(ConfNode.parse("p.yaml",
                "scales: { voltage: 1, current: 1, power: 1 }\nregisters: { Rms_U: 1 }\n")));
        assertThrows(ConfigException.class, () -> CalibrationProfile.from(ConfNode.parse("p.yaml",
                "scales: { voltage: 1, current: 1, power: 1 }\nregisters: { GP1: 0x10000 }\n")));
        assertThrows(ConfigException.class, () -> CalibrationProfile.from(ConfNode.parse("p.yaml",
                "scales: { voltage: 1, current: 1, power: 0 }\n")));
    }

    @Test
    void every_channel_has_an_offset_and_the_current_removes_its_quadrature_part_before_the_linear_one() {
        CalibrationProfile p = CalibrationProfile.from(ConfNode.parse("p.yaml", """
                scales: { voltage: 100, voltageOffset: 50, current: 1000, currentOffset: 300, currentQuadrature: 160000, power: -2, powerOffset: 10 }
                """));
        assertEquals(230.0, p.voltageV(23050), 1e-9);
        assertEquals(-500.0, p.powerW(1010), 1e-9);
        double signal = 2000 + 300;
        assertEquals(2.0, p.currentA(Math.hypot(signal, 400)), 1e-9);
        assertEquals(0.0, p.currentA(Math.hypot(300, 400)), 1e-9);
        assertEquals(0.0, p.currentA(100));
        CalibrationProfile again = CalibrationProfile.from(ConfNode.parse("again.yaml",
                io.openkws.meter.calibration.ProfileFile.toYaml(p)));
        assertEquals(p.voltageOffset(), again.voltageOffset());
        assertEquals(p.currentOffset(), again.currentOffset());
        assertEquals(p.currentQuadrature(), again.currentQuadrature());
        assertEquals(p.powerOffset(), again.powerOffset());
    }
}
