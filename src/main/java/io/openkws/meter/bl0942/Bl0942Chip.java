package io.openkws.meter.bl0942;

import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Packet;
import io.openkws.driver.bl0942.Bl0942Register;
import io.openkws.meter.ChipSample;
import io.openkws.meter.MeterChip;
import io.openkws.meter.MeterException;
import io.openkws.meter.PollChecks;
import io.openkws.meter.Quantity;
import io.openkws.meter.UartMeterChip;
import io.openkws.time.Clock;
import java.util.List;

/**
 * The BL0942 as a {@link MeterChip}: every poll is one full packet ({@code 58 AA}, 25 byte-times: 52 ms at 4800
 * 8N1) carrying voltage, current, power, the energy counter and the line period together, so protection sees all
 * of them at most one packet old.
 *
 * <p>Exists to put the BL0942 behind the meter seam. The chip measures no reactive or apparent power: apparent
 * power is V × I and reactive power its magnitude √(S² − P²) (sign unknown, reported positive). V_RMS, I_RMS and
 * WATT can be read again on their own to confirm a jump. Every {@value #CONFIG_CHECK_POLLS} polls the registers
 * written at init are read back (a reset that restored other values re-initialises the chip); CF_CNT going back or
 * stalling is left to the {@link io.openkws.meter.Meter}. Driver failures become {@link MeterException}; what the
 * UART chips share is {@link UartMeterChip}'s.
 */
public final class Bl0942Chip extends UartMeterChip {

    /** The raw view's names, the datasheet's, in {@code read --json} order. */
    public static final List<String> RAW_NAMES = List.of("I_RMS", "V_RMS", "I_FAST_RMS", "WATT", "CF_CNT", "FREQ");
    /** Polls between two read-backs of the init registers (about 2 s at one packet a poll). */
    static final int CONFIG_CHECK_POLLS = 40;

    private final Bl0942Driver driver;
    private final Bl0942Profile profile;
    private final Clock clock;
    private final ChipSample sample = new ChipSample(RAW_NAMES);

    private int polls;
    private int iRms;
    private int vRms;
    private int iFastRms;
    private int watt;
    private int cfCnt;
    private int freq;

    public Bl0942Chip(Bl0942Driver driver, Bl0942Profile profile, Clock clock) {
        super(driver);
        this.driver = driver;
        this.profile = profile;
        this.clock = clock;
    }

    public Bl0942Driver driver() {
        return driver;
    }

    public Bl0942Profile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "BL0942";
    }

    /** Returns MODE as read before init (the chip has no device ID). */
    @Override
    public int connect() {
        try {
            int mode = driver.probe();
            driver.init(profile.registers());
            return mode;
        } catch (Bl0942Exception e) {
            throw failure(e);
        }
    }

    @Override
    public ChipSample poll(PollChecks checks) {
        try {
            if (++polls >= CONFIG_CHECK_POLLS) {
                polls = 0;
                driver.verifyConfiguration();
            }
            long t = clock.nanoTime();
            Bl0942Packet p = driver.readPacket();
            iRms = checks.confirmed(Quantity.CURRENT, p.iRms(), iRms);
            watt = checks.confirmed(Quantity.ACTIVE_POWER, p.watt(), watt);
            vRms = checks.confirmed(Quantity.VOLTAGE, p.vRms(), vRms);
            return take(t, p, checks);
        } catch (Bl0942Exception e) {
            throw failure(e);
        }
    }

    /** One packet without plausibility re-reads, after checking the init registers. */
    @Override
    public ChipSample pollFull(PollChecks checks) {
        try {
            driver.verifyConfiguration();
            long t = clock.nanoTime();
            Bl0942Packet p = driver.readPacket();
            iRms = p.iRms();
            watt = p.watt();
            vRms = p.vRms();
            return take(t, p, checks);
        } catch (Bl0942Exception e) {
            throw failure(e);
        }
    }

    private ChipSample take(long t, Bl0942Packet p, PollChecks checks) {
        iFastRms = p.iFastRms();
        freq = p.freq();
        if (checks.energyCount(p.cfCnt())) {
            cfCnt = p.cfCnt();
        }
        double v = profile.voltageV(vRms);
        double i = profile.currentA(iRms);
        double w = profile.powerW(watt);
        double s = v * i;
        double q = Math.sqrt(Math.max(0, s * s - w * w));
        sample.set(t, v, i, w, q, s, profile.frequencyHz(freq), Math.abs(w) >= profile.startPowerW());
        sample.raw(0, iRms);
        sample.raw(1, vRms);
        sample.raw(2, iFastRms);
        sample.raw(3, watt);
        sample.raw(4, cfCnt);
        sample.raw(5, freq);
        return sample;
    }

    @Override
    protected int readCount(Quantity quantity) {
        return driver.read(switch (quantity) {
            case VOLTAGE -> Bl0942Register.V_RMS;
            case CURRENT -> Bl0942Register.I_RMS;
            case ACTIVE_POWER -> Bl0942Register.WATT;
            default -> throw new IllegalArgumentException("the BL0942 chip does not re-read " + quantity);
        });
    }

    @Override
    public double energyCountsPerKWh() {
        return profile.trimmedEnergyCountsPerKWh();
    }
}
