package io.openkws.meter.calibration;

import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Packet;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.bl0942.Bl0942Profile;
import java.util.Locale;

/**
 * The BL0942 as a {@link CalibrationTarget}: one full packet a reading (I_RMS, V_RMS, WATT in counts), the
 * profile's registers (MODE, GAIN_CR) written at {@link #begin()} exactly as {@code run} writes them, and the
 * calibration kept in software as the profile's {@link Trim}.
 *
 * <p>Exists so the shared calibration procedure reaches a BL0942 without knowing its packets or its file format.
 */
public final class Bl0942Target extends SoftwareChipTarget<Bl0942Profile> {

    private final Bl0942Driver driver;

    /** @param profile the board's (or the user's) profile: its registers, datasheet scales and, for verify, its trim */
    public Bl0942Target(Bl0942Driver driver, Bl0942Profile profile) {
        super(profile, ProfileFile::toYaml);
        this.driver = driver;
    }

    @Override
    public String chipName() {
        return "BL0942";
    }

    @Override
    public String rawUnit() {
        return "counts";
    }

    @Override
    public String begin() {
        int mode = driver.probe();
        driver.init(profile.registers());
        return String.format(Locale.ROOT, "BL0942 answered (MODE 0x%03X), initialised with the registers of %s", mode,
                profile.name());
    }

    @Override
    public Sampler.Source source() {
        ChannelScales n = nominal();
        return into -> {
            Bl0942Packet p = driver.readPacket();
            into[0] = p.vRms();
            into[1] = p.iRms();
            into[2] = p.watt();
            into[3] = Math.abs(n.powerScale()) * (p.vRms() / n.voltageScale()) * (p.iRms() / n.currentScale());
        };
    }
}
