package io.openkws.driver.ht7017;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The HT7017 register map: address, width in bits, signedness, and the write-protect key that opens it.
 *
 * <p>Names ({@link #sheetName()}) are the fact sheet's ({@code Rms_U}, {@code PowerP1}, {@code WPREG}...): they
 * are what users, decoders, JSON output and calibration files print. Registers narrower than 24 bits are
 * right-aligned in the chip's 3-byte reply. 0x65-0x68 hold the high and 0x76-0x79 the low byte of the P/Q offsets.
 */
public enum Ht7017Register {
    SPL_I1(0x00, "SPL_I1", 19, true, Access.READ),
    SPL_I2(0x01, "SPL_I2", 19, true, Access.READ),
    SPL_U(0x02, "SPL_U", 19, true, Access.READ),
    I_DC(0x03, "I_DC", 24, true, Access.READ),
    U_DC(0x04, "U_DC", 24, true, Access.READ),
    RMS_I1(0x06, "Rms_I1", 24, false, Access.READ),
    RMS_I2(0x07, "Rms_I2", 24, false, Access.READ),
    RMS_U(0x08, "Rms_U", 24, false, Access.READ),
    FREQ_U(0x09, "Freq_U", 16, false, Access.READ),
    POWER_P1(0x0A, "PowerP1", 24, true, Access.READ),
    POWER_Q1(0x0B, "PowerQ1", 24, true, Access.READ),
    POWER_S(0x0C, "PowerS", 24, true, Access.READ),
    ENERGY_P(0x0D, "EnergyP", 24, false, Access.READ),
    ENERGY_Q(0x0E, "EnergyQ", 24, false, Access.READ),
    UDET_CNT(0x0F, "UdetCNT", 24, false, Access.READ),
    POWER_P2(0x10, "PowerP2", 24, true, Access.READ),
    POWER_Q2(0x11, "PowerQ2", 24, true, Access.READ),
    MAX_U_WAVE(0x12, "MAXUWAVE", 24, false, Access.READ),
    CRC_CHECKSUM(0x15, "CRCChecksum", 24, false, Access.READ),
    BACKUP_DATA(0x16, "BackupData", 24, false, Access.READ),
    COM_CHECKSUM(0x17, "COMChecksum", 24, false, Access.READ),
    SUM_CHECKSUM(0x18, "SUMChecksum", 24, false, Access.READ),
    EMUSR(0x19, "EMUSR", 16, false, Access.READ),
    SYSSTA(0x1A, "SYSSTA", 8, false, Access.READ),
    CHIP_ID(0x1B, "ChipID", 24, false, Access.READ),
    DEVICE_ID(0x1C, "DeviceID", 24, false, Access.READ),

    EMUIE(0x30, "EMUIE", 16, false, Access.OPEN),
    EMUIF(0x31, "EMUIF", 24, false, Access.READ),
    WPREG(0x32, "WPREG", 8, false, Access.OPEN),
    SRSTREG(0x33, "SRSTREG", 16, false, Access.OPEN),

    EMUCFG(0x40, "EMUCFG", 16, false, Access.KEY_BC),
    FREQ_CFG(0x41, "FreqCFG", 16, false, Access.KEY_BC),
    MODULE_EN(0x42, "ModuleEn", 16, false, Access.KEY_BC),
    ANAEN(0x43, "ANAEN", 16, false, Access.KEY_BC),
    IOCFG(0x45, "IOCFG", 16, false, Access.KEY_BC),

    GP1(0x50, "GP1", 16, false, Access.KEY_A6),
    GQ1(0x51, "GQ1", 16, false, Access.KEY_A6),
    GS1(0x52, "GS1", 16, false, Access.KEY_A6),
    GP2(0x54, "GP2", 16, false, Access.KEY_A6),
    GQ2(0x55, "GQ2", 16, false, Access.KEY_A6),
    GS2(0x56, "GS2", 16, false, Access.KEY_A6),
    QPHS_CAL(0x58, "QPhsCal", 16, false, Access.KEY_A6),
    ADCCON(0x59, "ADCCON", 16, false, Access.KEY_A6),
    I2_GAIN(0x5B, "I2Gain", 16, false, Access.KEY_A6),
    I1_OFF(0x5C, "I1Off", 16, false, Access.KEY_A6),
    I2_OFF(0x5D, "I2Off", 16, false, Access.KEY_A6),
    U_OFF(0x5E, "UOff", 16, false, Access.KEY_A6),
    PSTART(0x5F, "PStart", 16, false, Access.KEY_A6),
    QSTART(0x60, "QStart", 16, false, Access.KEY_A6),
    HFCONST(0x61, "HFConst", 16, false, Access.KEY_A6),
    CHK(0x62, "CHK", 16, false, Access.KEY_A6),
    IPTAMP(0x63, "IPTAMP", 16, false, Access.KEY_A6),
    DEC_SHIFT(0x64, "DEC_Shift", 16, false, Access.KEY_A6),
    P1_OFFSET_H(0x65, "P1OFFSET", 16, false, Access.KEY_A6),
    P2_OFFSET_H(0x66, "P2OFFSET", 16, false, Access.KEY_A6),
    Q1_OFFSET_H(0x67, "Q1OFFSET", 16, false, Access.KEY_A6),
    Q2_OFFSET_H(0x68, "Q2OFFSET", 16, false, Access.KEY_A6),
    I1_RMS_OFFSET(0x69, "I1RMSOFFSET", 16, false, Access.KEY_A6),
    I2_RMS_OFFSET(0x6A, "I2RMSOFFSET", 16, false, Access.KEY_A6),
    U_RMS_OFFSET(0x6B, "URMSOFFSET", 16, false, Access.KEY_A6),
    ZCROSS_CURRENT(0x6C, "ZCrossCurrent", 16, false, Access.KEY_A6),
    GPHS1(0x6D, "GPhs1", 16, false, Access.KEY_A6),
    GPHS2(0x6E, "GPhs2", 16, false, Access.KEY_A6),
    PF_CNT(0x6F, "PFCnt", 16, false, Access.KEY_A6),
    QF_CNT(0x70, "QFCnt", 16, false, Access.KEY_A6),
    ANACON(0x72, "ANACON", 16, false, Access.KEY_A6),
    SUMCHECK_L(0x73, "SUMCHECKL", 16, false, Access.KEY_A6),
    SUMCHECK_H(0x74, "SUMCHECKH", 16, false, Access.KEY_A6),
    MODECFG(0x75, "MODECFG", 16, false, Access.KEY_A6),
    P1_OFFSET_L(0x76, "P1OFFSETL", 16, false, Access.KEY_A6),
    P2_OFFSET_L(0x77, "P2OFFSETL", 16, false, Access.KEY_A6),
    Q1_OFFSET_L(0x78, "Q1OFFSETL", 16, false, Access.KEY_A6),
    Q2_OFFSET_L(0x79, "Q2OFFSETL", 16, false, Access.KEY_A6),
    UPEAK_LVL(0x7A, "UPeakLvl", 16, false, Access.KEY_A6),
    USAG_LVL(0x7B, "USagLvl", 16, false, Access.KEY_A6),
    UCYC_LEN(0x7C, "UCycLen", 16, false, Access.KEY_A6);

    /** Who may write a register: nobody, anybody, or only after WPREG = 0xBC or 0xA6. */
    public enum Access { READ, OPEN, KEY_BC, KEY_A6 }

    /** WPREG value that opens 0x40-0x45. */
    public static final int WP_KEY_BC = 0xBC;
    /** WPREG value that opens 0x50-0x7C. */
    public static final int WP_KEY_A6 = 0xA6;
    /** SRSTREG value that soft-resets the chip. */
    public static final int SOFT_RESET = 0x55;

    private static final Ht7017Register[] BY_ADDRESS = new Ht7017Register[128];
    private static final Map<String, Ht7017Register> BY_NAME = Stream.of(values())
            .collect(Collectors.toMap(r -> r.sheetName.toLowerCase(Locale.ROOT), Function.identity()));

    static {
        for (Ht7017Register r : values()) {
            BY_ADDRESS[r.address] = r;
        }
    }

    private final int address;
    private final String sheetName;
    private final int bits;
    private final boolean signed;
    private final Access access;

    Ht7017Register(int address, String sheetName, int bits, boolean signed, Access access) {
        this.address = address;
        this.sheetName = sheetName;
        this.bits = bits;
        this.signed = signed;
        this.access = access;
    }

    public int address() {
        return address;
    }

    /** The fact sheet's name, e.g. {@code Rms_U}. */
    public String sheetName() {
        return sheetName;
    }

    /** Significant bits in the reply (right-aligned in 24). */
    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public Access access() {
        return access;
    }

    public boolean writable() {
        return access != Access.READ;
    }

    /** Interprets the raw 24-bit reply: masks to {@link #bits()} and sign-extends signed registers. */
    public int decode(int raw24) {
        int masked = raw24 & ((1 << bits) - 1);
        if (signed && (masked & (1 << (bits - 1))) != 0) {
            return masked - (1 << bits);
        }
        return masked;
    }

    public static Optional<Ht7017Register> at(int address) {
        return address >= 0 && address < BY_ADDRESS.length ? Optional.ofNullable(BY_ADDRESS[address]) : Optional.empty();
    }

    /** Looks up a register by its fact-sheet name, case-insensitively. */
    public static Optional<Ht7017Register> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
