package io.openkws.meter.calibration;

import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.TrimmedProfile;
import java.util.function.Function;

/**
 * What every chip calibrated in software answers the same way: its scales, name and note come from its
 * {@link TrimmedProfile}, and a calibration's result is that profile with a new {@link Trim}, written in the chip's
 * own file format.
 *
 * <p>Exists so the BL0942 and BL0937 targets only say what differs between them: how a raw reading is taken.
 *
 * @param <P> the chip's profile type
 */
abstract class SoftwareChipTarget<P extends TrimmedProfile<P>> implements CalibrationTarget {

    /** The profile this target was built with: the board's or the user's. */
    protected final P profile;
    private final Function<P, String> yaml;

    /** @param yaml the profile file's text for a profile of this chip */
    SoftwareChipTarget(P profile, Function<P, String> yaml) {
        this.profile = profile;
        this.yaml = yaml;
    }

    @Override
    public final ChannelScales nominal() {
        return profile.nominalScales();
    }

    @Override
    public final ChannelScales profileScales() {
        return profile.effectiveScales();
    }

    @Override
    public final String profileName() {
        return profile.name();
    }

    @Override
    public final String profileNote() {
        return profile.note();
    }

    @Override
    public final String profileYaml(ChannelScales scales, String name, String note) {
        return yaml.apply(profile.withTrim(name, note, Trim.between(nominal(), scales)));
    }
}
