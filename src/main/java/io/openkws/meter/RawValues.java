package io.openkws.meter;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chip's own counts behind one {@link Reading}, as named integers in the chip's order (its datasheet's
 * register names, e.g. {@code Rms_U} for the HT7017 or {@code V_RMS} for the BL0942), for bring-up output
 * ({@code read --json}), traces and calibration.
 *
 * <p>Exists so a reading can carry the raw view of any chip without the meter knowing any chip's registers. The
 * names are one shared list per chip; the values are a private copy, so a reading stays immutable. Slow registers
 * hold the value of their last read.
 */
public final class RawValues {

    private final List<String> names;
    private final int[] values;

    /** @param names the chip's register names, in its order; {@code values} has one count per name (copied) */
    public RawValues(List<String> names, int[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
        }
        this.names = names;
        this.values = values.clone();
    }

    public int size() {
        return values.length;
    }

    public String name(int index) {
        return names.get(index);
    }

    public int value(int index) {
        return values[index];
    }

    /** The count named {@code name}; throws when the chip has no such register in its raw view. */
    public int get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no raw value named " + name + " in " + names);
        }
        return values[i];
    }

    /** Name → count, in the chip's order (allocates: for output, not for the control loop). */
    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawValues r && names.equals(r.names) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
