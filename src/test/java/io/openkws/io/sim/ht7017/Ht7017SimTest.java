package io.openkws.io.sim.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The simulated chip at byte level, checked against the fact sheet, without the driver. */
class Ht7017SimTest {

    private static final long MS = 1_000_000L;
    private final VirtualClock clock = new VirtualClock();
    private final FrontEnd frontEnd = FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml"));
    private final Ht7017Sim sim = new Ht7017Sim(clock, frontEnd);
    private long t;

    /** Sends bytes 2.3 ms apart from the current test time and returns the last reply. */
    private int[] send(int... bytes) {
        int[] reply = new int[0];
        for (int b : bytes) {
            t += 2_300_000L;
            int n = sim.receive(b, t);
            reply = new int[n];
            for (int i = 0; i < n; i++) {
                reply[i] = sim.replyBytes()[i] & 0xFF;
            }
        }
        clock.advanceTo(t);
        return reply;
    }

    private int read(int address) {
        int[] r = send(0x6A, address);
        assertEquals(4, r.length);
        int sum = 0x6A + address + r[0] + r[1] + r[2];
        assertEquals(~sum & 0xFF, r[3], "reply checksum");
        return (r[0] << 16) | (r[1] << 8) | r[2];
    }

    private int write(int address, int value) {
        int cmd = 0x80 | address;
        int cs = ~(0x6A + cmd + (value >> 8) + (value & 0xFF)) & 0xFF;
        int[] r = send(0x6A, cmd, value >> 8, value & 0xFF, cs);
        assertEquals(1, r.length);
        return r[0];
    }

    private void waitMs(long ms) {
        t += ms * MS;
        clock.advanceTo(t);
    }

    @Test
    void identity_registers_answer_with_the_fact_sheet_values() {
        assertEquals(0x705304, read(0x1C));
        assertEquals(0x7053B0, read(0x1B));
        assertEquals(0x0040, read(0x61));
    }

    @Test
    void calibration_registers_are_protected_until_the_right_wpreg_key() {
        assertEquals(0x63, write(0x59, 0x000C));
        assertEquals(0x54, write(0x32, 0xBC));
        assertEquals(0x63, write(0x59, 0x000C));
        assertEquals(0x54, write(0x40, 0x0001));
        assertEquals(0x54, write(0x32, 0xA6));
        assertEquals(0x54, write(0x59, 0x000C));
        assertEquals(0x63, write(0x40, 0x0002));
        assertEquals(0x54, write(0x32, 0x00));
        assertEquals(0x63, write(0x50, 0x0100));
        assertEquals(0x000C, read(0x59));
        assertEquals(0x0001, read(0x40));
    }

    @Test
    void a_write_with_a_bad_checksum_is_refused_and_not_applied() {
        write(0x32, 0xA6);
        int[] r = send(0x6A, 0x80 | 0x61, 0x00, 0x20, 0x00);
        assertEquals(1, r.length);
        assertEquals(0x63, r[0]);
        assertEquals(0x0040, read(0x61));
    }

    @Test
    void sumchecksum_sums_0x40_to_0x7C_without_0x6F_to_0x74() {
        int before = read(0x18);
        write(0x32, 0xA6);
        write(0x50, 0x0100);
        write(0x70, 0x1234);
        assertEquals(before + 0x0100, read(0x18));
    }

    @Test
    void a_soft_reset_acknowledges_then_restores_every_reset_value() {
        write(0x32, 0xA6);
        write(0x61, 0x0100);
        write(0x59, 0x0000);
        assertTrue(sim.energyEnabled());
        assertEquals(0x54, write(0x33, 0x55));
        assertEquals(0x0040, read(0x61));
        assertEquals(0, read(0x32));
        assertEquals(0, read(0x33));
        assertFalse(sim.energyEnabled());
        assertEquals(1, sim.resets());
    }

    @Test
    void a_gap_over_20_ms_inside_a_frame_resets_the_receiver() {
        t += 2_300_000L;
        assertEquals(0, sim.receive(0x6A, t));
        t += 21 * MS;
        assertEquals(0, sim.receive(0x1C, t));
        assertEquals(0x705304, read(0x1C));
    }

    @Test
    void measurements_refresh_at_the_update_period_and_hold_in_between() {
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        waitMs(100);
        int u = read(0x08);
        assertEquals(230 * 10961.98, u, 1.0);
        sim.setVoltageV(240);
        waitMs(50);
        assertEquals(u, read(0x08));
        waitMs(60);
        assertEquals(240 * 10961.98, read(0x08), 1.0);
    }

    @Test
    void the_front_end_gives_counts_per_volt_amp_and_watt_with_the_board_sign() {
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        sim.setPowerFactor(0.5);
        sim.setFrequencyHz(50);
        waitMs(100);
        assertEquals(5 * 2342.02 + 440, read(0x06), 1.0);
        int p = read(0x0A);
        assertEquals(-3.1777 * 230 * 5 * 0.5, p - (1 << 24), 1.0);
        int q = read(0x0B) - (1 << 24);
        assertEquals(-3.1777 * 230 * 5 * Math.sin(Math.acos(0.5)), q, 1.0);
        assertEquals(3.1777 * 230 * 5, read(0x0C), 1.0);
        assertEquals(10000, read(0x09));
        assertEquals(0b011, read(0x19) & 0b111);
    }

    @Test
    void current_flows_only_while_the_load_is_connected() {
        boolean[] closed = {false};
        sim.setLoadConnected(() -> closed[0]);
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        waitMs(100);
        assertEquals(440, read(0x06));
        assertEquals(0, read(0x0A));
        closed[0] = true;
        waitMs(100);
        assertEquals(5 * 2342.02 + 440, read(0x06), 1.0);
    }

    @Test
    void the_i1_pga_and_gain_and_offset_registers_act_on_the_measurement() {
        sim.setVoltageV(230);
        sim.setCurrentA(1);
        write(0x32, 0xA6);
        write(0x59, 0x0004);
        write(0x50, 0x4000);
        write(0x69, 100);
        waitMs(100);
        double raw = 4 * 2342.02 + 440;
        assertEquals(Math.sqrt(raw * raw - 100 * 32768.0), read(0x06), 1.0);
        assertEquals(-3.1777 * 230 * 4 * 1.5, read(0x0A) - (1 << 24), 1.0);
    }

    @Test
    void energy_counts_only_after_adccon_was_written_and_at_the_fact_sheet_rate() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        waitMs(3_600_000);
        assertEquals(0, read(0x0D));
        write(0x32, 0xA6);
        write(0x59, 0x0000);
        write(0x32, 0x00);
        waitMs(3_600_000);
        double expectedPulses = 3.1777 * 2300 * 15625 / (64 * 8388608.0) * 3600;
        assertEquals(expectedPulses, read(0x0D), 2.0);
    }

    @Test
    void fault_injection_is_reproducible_from_the_seed() {
        Ht7017Sim a = new Ht7017Sim(clock, frontEnd, Ht7017Sim.DEFAULT_UPDATE_PERIOD_NANOS, 7);
        Ht7017Sim b = new Ht7017Sim(clock, frontEnd, Ht7017Sim.DEFAULT_UPDATE_PERIOD_NANOS, 7);
        Faults f = new Faults(0.2, 0.1, 0.1, 0, 0);
        a.setFaults(f);
        b.setFaults(f);
        int corrupt = 0;
        for (int i = 0; i < 200; i++) {
            a.receive(0x6A, i * 10 * MS);
            b.receive(0x6A, i * 10 * MS);
            int na = a.receive(0x1C, i * 10 * MS + 1);
            int nb = b.receive(0x1C, i * 10 * MS + 1);
            assertEquals(na, nb);
            for (int k = 0; k < na; k++) {
                assertEquals(a.replyBytes()[k], b.replyBytes()[k]);
            }
            if (na == 4 && (a.replyBytes()[3] & 0xFF) != 0xB2) {
                corrupt++;
            }
        }
        assertTrue(corrupt > 10 && corrupt < 100, "corrupted or garbled replies: " + corrupt);
    }

    @Test
    void the_fact_sheet_power_gain_procedure_cancels_a_front_end_gain_error() {
        Ht7017Sim off = new Ht7017Sim(clock, frontEnd.withErrors(0, 0, 0.05, 0));
        off.setVoltageV(230);
        off.setCurrentA(10);
        clock.advanceTo(clock.nanoTime() + 200_000_000L);
        double err = ((off.peek(0x0A) - (1 << 24)) / -3.1777 - 2300) / 2300;
        assertEquals(0.05, err, 1e-3);
        double g = -err / (1 + err);
        int gp = (int) Math.round(g >= 0 ? g * 32768 : 65536 + g * 32768);
        long at = clock.nanoTime();
        int[] frames = {0x6A, 0x80 | 0x32, 0x00, 0xA6, ~(0x6A + 0xB2 + 0xA6) & 0xFF,
                0x6A, 0x80 | 0x50, gp >> 8, gp & 0xFF, ~(0x6A + 0xD0 + (gp >> 8) + (gp & 0xFF)) & 0xFF};
        for (int b : frames) {
            at += 2_300_000L;
            off.receive(b, at);
        }
        clock.advanceTo(at + 200_000_000L);
        assertEquals(gp, off.peek(0x50));
        assertEquals(-3.1777 * 2300, off.peek(0x0A) - (1 << 24), 3.0);
    }

    @Test
    void seeded_noise_varies_the_readings_reproducibly() {
        FrontEnd noisy = frontEnd.withNoise(0.001);
        Ht7017Sim a = new Ht7017Sim(clock, noisy, Ht7017Sim.DEFAULT_UPDATE_PERIOD_NANOS, 42);
        Ht7017Sim b = new Ht7017Sim(clock, noisy, Ht7017Sim.DEFAULT_UPDATE_PERIOD_NANOS, 42);
        a.setVoltageV(230);
        b.setVoltageV(230);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            clock.advanceTo(clock.nanoTime() + 100_000_000L);
            int u = a.peek(0x08);
            assertEquals(u, b.peek(0x08));
            assertEquals(230 * 10961.98, u, 230 * 10961.98 * 0.01);
            seen.add(u);
        }
        assertTrue(seen.size() > 10, "noise changes the value: " + seen.size());
    }
}
