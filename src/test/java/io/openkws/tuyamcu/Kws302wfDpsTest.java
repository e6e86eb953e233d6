package io.openkws.tuyamcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The KWS-302WF data point table in the module-to-openkws direction: units, ranges, resets, what is refused. */
class Kws302wfDpsTest {

    private final DeviceInfo info = new FakeDeviceService().info();

    private Kws302wfDps.Apply apply(DataPoint dp) {
        return assertInstanceOf(Kws302wfDps.Apply.class, Kws302wfDps.write(dp, info));
    }

    @Test
    void settings_arrive_in_openkws_units() {
        assertEquals(new DeviceCommand.ChangeSetting("overCurrent", 16.0),
                apply(DataPoint.value(111, 16_000)).command());
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 1800.0), apply(DataPoint.value(112, 30)).command());
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 90.0), apply(DataPoint.value(121, 90)).command());
        assertEquals(new DeviceCommand.ChangeSetting("overPower", 3500.0), apply(DataPoint.value(114, 3500)).command());
        assertEquals(new DeviceCommand.ChangeSetting("screenTimeout", 10.0), apply(DataPoint.value(119, 10)).command());
        assertEquals(new DeviceCommand.SetPowerOnState(PowerOnState.OFF),
                apply(DataPoint.enumeration(117, 0)).command());
        assertEquals(List.of(112, 121), apply(DataPoint.value(121, 90)).reportBack());
    }

    @Test
    void resets_fire_on_true_only_and_report_the_counter_they_cleared() {
        Kws302wfDps.Apply energy = apply(DataPoint.bool(118, true));
        assertEquals(new DeviceCommand.ResetEnergy(), energy.command());
        assertEquals(List.of(118, 105), energy.reportBack());
        assertEquals(new DeviceCommand.ResetRunTime(), apply(DataPoint.bool(120, true)).command());
        assertInstanceOf(Kws302wfDps.Ignore.class, Kws302wfDps.write(DataPoint.bool(118, false), info));
    }

    @Test
    void values_beyond_openkws_ranges_are_clamped_and_say_so() {
        Kws302wfDps.Apply a = apply(DataPoint.value(110, -5));
        assertEquals(new DeviceCommand.ChangeSetting("overVoltage", 0.0), a.command());
        assertEquals(Optional.of("-5"), a.clampedFrom());
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 604_800.0),
                apply(DataPoint.value(112, 60_000)).command());
    }

    @Test
    void wrong_types_read_only_and_unknown_data_points_are_not_applied() {
        assertInstanceOf(Kws302wfDps.Ignore.class, Kws302wfDps.write(DataPoint.value(16, 0), info));
        assertInstanceOf(Kws302wfDps.Ignore.class, Kws302wfDps.write(DataPoint.value(103, 0), info));
        assertEquals(new Kws302wfDps.Unknown(122), Kws302wfDps.write(DataPoint.bool(122, true), info));
    }

    @Test
    void the_fault_bitmap_follows_b5_and_meter_lost_has_no_bit() {
        FakeDeviceService service = new FakeDeviceService();
        service.trip(Fault.OPP);
        assertEquals(Kws302wfDps.BIT_OP, Kws302wfDps.faultBits(service.view()));
        service.trip(Fault.METER_LOST);
        assertEquals(0, Kws302wfDps.faultBits(service.view()));
    }
}
