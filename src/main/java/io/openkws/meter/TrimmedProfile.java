package io.openkws.meter;

/**
 * A chip profile calibrated in software: the datasheet's scales plus a {@link Trim} (gain and offset per channel).
 *
 * <p>Exists so the calibration procedure handles the BL0942's and the BL0937's profiles alike: both answer the
 * same five questions, only their files and datasheet figures differ.
 *
 * @param <P> the profile type itself, so {@link #withTrim} returns that type
 */
public interface TrimmedProfile<P extends TrimmedProfile<P>> {

    /** The profile's name. */
    String name();

    /** The profile's note (where its figures come from, what a calibration could not measure). */
    String note();

    /** The datasheet scales alone (raw units per volt, amp and watt), no offsets. */
    ChannelScales nominalScales();

    /** The scales readings go through: the datasheet's with the trim applied. */
    ChannelScales effectiveScales();

    /** The same profile with another name, note and trim (a calibration's result). */
    P withTrim(String name, String note, Trim trim);
}
