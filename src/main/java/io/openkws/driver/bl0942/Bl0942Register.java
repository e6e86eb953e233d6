package io.openkws.driver.bl0942;

import java.util.Optional;

/**
 * The BL0942's registers, by the datasheet's names (V1.06, section 1.5 "Register list"; the addresses agree with
 * the open-source ESPHome and Tasmota drivers): address, width, whether signed, whether the user may write it,
 * and the value after reset.
 *
 * <p>Exists so the driver, the simulator, the profile loader and {@code read --json} name registers one way. Every
 * register is transferred as three bytes, least significant first; {@link #decode} keeps the register's width and
 * sign-extends the signed ones.
 */
public enum Bl0942Register {
    I_WAVE(0x01, 20, true, false, 0),
    V_WAVE(0x02, 20, true, false, 0),
    I_RMS(0x03, 24, false, false, 0),
    V_RMS(0x04, 24, false, false, 0),
    I_FAST_RMS(0x05, 24, false, false, 0),
    WATT(0x06, 24, true, false, 0),
    CF_CNT(0x07, 24, false, false, 0),
    /** Line period in µs-like units: f = 1 000 000 / FREQ; 0x4E20 (50 Hz) after reset. */
    FREQ(0x08, 16, false, false, 0x4E20),
    STATUS(0x09, 10, false, false, 0),
    I_RMSOS(0x12, 8, false, true, 0),
    /** Creep threshold of active power (below it WATT reads 0 and CF does not count). */
    WA_CREEP(0x14, 8, false, true, 0x0B),
    I_FAST_RMS_TH(0x15, 16, false, true, 0xFFFF),
    I_FAST_RMS_CYC(0x16, 3, false, true, 0x01),
    FREQ_CYC(0x17, 2, false, true, 0x03),
    OT_FUNX(0x18, 6, false, true, 0x24),
    /** User mode: bit 2 CF_EN, bit 3 RMS_UPDATE_SEL (0: 400 ms, 1: 800 ms), bit 7 CF_CNT_ADD_SEL (absolute). */
    MODE(0x19, 10, false, true, 0x87),
    /** Current channel PGA: 0 = x1, 1 = x4, 2 = x16 (reset), 3 = x24. */
    GAIN_CR(0x1A, 2, false, true, 0x02),
    /** Writing 0x5A5A5A resets the chip's registers. */
    SOFT_RESET(0x1C, 24, false, true, 0),
    /** Writing 0x55 opens the user registers for writing; any other value closes them. */
    USR_WRPROT(0x1D, 8, false, true, 0);

    /** The value written to {@link #USR_WRPROT} to allow writes. */
    public static final int WRPROT_OPEN = 0x55;
    /** The value written to {@link #SOFT_RESET} to reset the chip. */
    public static final int SOFT_RESET_KEY = 0x5A5A5A;

    private final int address;
    private final int bits;
    private final boolean signed;
    private final boolean writable;
    private final int resetValue;

    Bl0942Register(int address, int bits, boolean signed, boolean writable, int resetValue) {
        this.address = address;
        this.bits = bits;
        this.signed = signed;
        this.writable = writable;
        this.resetValue = resetValue;
    }

    public int address() {
        return address;
    }

    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public boolean writable() {
        return writable;
    }

    public int resetValue() {
        return resetValue;
    }

    /** The datasheet's name, e.g. {@code V_RMS}. */
    public String sheetName() {
        return name();
    }

    /** The register's value from a raw 24-bit transfer: masked to its width, sign-extended when signed. */
    public int decode(int raw24) {
        int v = bits == 32 ? raw24 : raw24 & ((1 << bits) - 1);
        if (signed && (v & (1 << (bits - 1))) != 0) {
            v -= 1 << bits;
        }
        return v;
    }

    /** The largest value the register holds (unsigned view). */
    public int maxValue() {
        return (1 << bits) - 1;
    }

    /** The register with the datasheet name {@code name} (case-insensitive). */
    public static Optional<Bl0942Register> named(String name) {
        for (Bl0942Register r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The register at {@code address}, if the chip has one there. */
    public static Optional<Bl0942Register> at(int address) {
        for (Bl0942Register r : values()) {
            if (r.address == address) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
