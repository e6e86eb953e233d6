package io.openkws.meter;

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
 * names are one shared list per chip; the values are copied into fields (at most {@value #MAX_VALUES}), not into
 * an array, so a reading stays immutable and the control loop allocates one small object for it (the loop's
 * allocation budget is a few hundred bytes a cycle). Slow registers hold the value of their last read.
 */
public final class RawValues {

    /** The most counts a raw view holds. */
    public static final int MAX_VALUES = 8;

    private final List<String> names;
    private final int v0;
    private final int v1;
    private final int v2;
    private final int v3;
    private final int v4;
    private final int v5;
    private final int v6;
    private final int v7;

    /** @param names the chip's register names, in its order; {@code values} has one count per name */
    public RawValues(List<String> names, int[] values) {
        if (names.size() != values.length || values.length > MAX_VALUES) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " values (at most "
                    + MAX_VALUES + ")");
        }
        this.names = names;
        int n = values.length;
        this.v0 = n > 0 ? values[0] : 0;
        this.v1 = n > 1 ? values[1] : 0;
        this.v2 = n > 2 ? values[2] : 0;
        this.v3 = n > 3 ? values[3] : 0;
        this.v4 = n > 4 ? values[4] : 0;
        this.v5 = n > 5 ? values[5] : 0;
        this.v6 = n > 6 ? values[6] : 0;
        this.v7 = n > 7 ? values[7] : 0;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public int value(int index) {
        Objects.checkIndex(index, names.size());
        return switch (index) {
            case 0 -> v0;
            case 1 -> v1;
            case 2 -> v2;
            case 3 -> v3;
            case 4 -> v4;
            case 5 -> v5;
            case 6 -> v6;
            default -> v7;
        };
    }

    /** The count named {@code name}; throws when the chip has no such register in its raw view. */
    public int get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no raw value named " + name + " in " + names);
        }
        return value(i);
    }

    /** Name → count, in the chip's order (allocates: for output, not for the control loop). */
    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), value(i));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawValues r && names.equals(r.names) && v0 == r.v0 && v1 == r.v1 && v2 == r.v2
                && v3 == r.v3 && v4 == r.v4 && v5 == r.v5 && v6 == r.v6 && v7 == r.v7;
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, v0, v1, v2, v3, v4, v5, v6, v7);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
