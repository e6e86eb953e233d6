package io.openkws.io.sim.bl0942;

import io.openkws.io.sim.board.SimRegisterChip;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.uart.SimUartChip;
import io.openkws.io.sim.uart.SimUartPort;
import io.openkws.time.Clock;

/**
 * A simulated BL0942, written from its datasheet (V1.06): register file with reset values, the UART protocol
 * (register read {@code 58 addr}, full packet {@code 58 AA}, write {@code A8 addr d0 d1 d2 cs} without reply),
 * write protection by USR_WRPROT = 0x55, soft reset by SOFT_RESET = 0x5A5A5A, measurement registers refreshed
 * every update period from "true" inputs through a {@link Bl0942FrontEnd}, and seeded fault injection with the
 * same knobs as the HT7017 simulator ({@link Faults}).
 *
 * <p>Conversion (datasheet "electrical parameter conversion", Vref = 1.218 V, signals in mV at the pins, current
 * gain x16 after reset): I_RMS = 305978 × I / Vref, V_RMS = 73989 × V / Vref, WATT = 3537 × I × V × cos φ / Vref²,
 * one CF_CNT count per 1638.4 × 256 / WATT seconds, FREQ = 1 000 000 / f. Other GAIN_CR settings scale the current
 * counts by gain / 16 (the front-end's current offset, fixed or in quadrature, and its WATT offset do not scale). RMS registers refresh every {@code updatePeriodNanos} (the datasheet's 400 ms with MODE
 * RMS_UPDATE_SEL = 0; twice as long with 1); I_FAST_RMS refreshes with them here (its own half-cycle rate is not
 * modelled) and reads like I_RMS. Not modelled: the creep threshold (WA_CREEP), the over-current output, the
 * waveform registers. The receiver drops a partial frame after a 20 ms gap (assumed like the HT7017's; the
 * sources used do not state it).
 *
 * <p>Exists so the driver and the whole controller run against a BL0942 without hardware, in virtual time or on
 * a pseudo-terminal. It shares no code with the driver: its frames are parsed and built here, byte by byte; the
 * mains inputs and the receiver, reply and fault plumbing are shared with the HT7017 simulator
 * ({@link SimRegisterChip}, {@link SimUartPort}).
 * Thread-safe: inputs may be changed from another thread than the one talking to the chip.
 */
public final class Bl0942Sim extends SimRegisterChip implements SimUartChip {

    /** RMS refresh with MODE RMS_UPDATE_SEL = 0 (datasheet). */
    public static final long DEFAULT_UPDATE_PERIOD_NANOS = 400_000_000L;
    static final double VREF_V = 1.218;
    static final double K_I = 305978;
    static final double K_V = 73989;
    static final double K_P = 3537;
    /** WATT × seconds per CF_CNT count. */
    static final double CF_WATT_SECONDS = 1638.4 * 256;
    static final long RX_RESET_GAP_NANOS = 20_000_000L;
    private static final int READ = 0x58;
    private static final int WRITE = 0xA8;
    private static final int FULL = 0xAA;
    private static final int HEADER = 0x55;
    private static final int MASK24 = 0xFFFFFF;
    private static final int I_RMS = 0x03;
    private static final int V_RMS = 0x04;
    private static final int I_FAST_RMS = 0x05;
    private static final int WATT = 0x06;
    private static final int CF_CNT = 0x07;
    private static final int FREQ = 0x08;
    private static final int STATUS = 0x09;
    private static final int MODE = 0x19;
    private static final int GAIN_CR = 0x1A;
    private static final int SOFT_RESET = 0x1C;
    private static final int USR_WRPROT = 0x1D;
    private static final int[] PACKET_REGISTERS = {I_RMS, V_RMS, I_FAST_RMS, WATT, CF_CNT, FREQ, STATUS};
    private static final int[] RESET_VALUES = new int[32];
    private static final int[] WIDTH = new int[32];

    static {
        RESET_VALUES[FREQ] = 0x4E20;
        RESET_VALUES[0x14] = 0x0B;
        RESET_VALUES[0x15] = 0xFFFF;
        RESET_VALUES[0x16] = 0x01;
        RESET_VALUES[0x17] = 0x03;
        RESET_VALUES[0x18] = 0x24;
        RESET_VALUES[MODE] = 0x87;
        RESET_VALUES[GAIN_CR] = 0x02;
        int[][] widths = {{0x01, 20}, {0x02, 20}, {I_RMS, 24}, {V_RMS, 24}, {I_FAST_RMS, 24}, {WATT, 24},
            {CF_CNT, 24}, {FREQ, 16}, {STATUS, 10}, {0x12, 8}, {0x14, 8}, {0x15, 16}, {0x16, 3}, {0x17, 2},
            {0x18, 6}, {MODE, 10}, {GAIN_CR, 2}, {SOFT_RESET, 24}, {USR_WRPROT, 8}};
        for (int[] w : widths) {
            WIDTH[w[0]] = w[1];
        }
    }

    private final Bl0942FrontEnd frontEnd;
    private final int[] regs = new int[32];
    private final SimUartPort port;

    private long nextUpdateNanos;
    private double energyFraction;
    private long packetsServed;

    public Bl0942Sim(Clock clock, Bl0942FrontEnd frontEnd) {
        this(clock, frontEnd, DEFAULT_UPDATE_PERIOD_NANOS, 1L);
    }

    public Bl0942Sim(Clock clock, Bl0942FrontEnd frontEnd, long updatePeriodNanos, long seed) {
        super(clock, updatePeriodNanos, seed);
        this.frontEnd = frontEnd;
        this.port = new SimUartPort(random, Faults.NONE, 6, 32, RX_RESET_GAP_NANOS, this::reset);
        loadResetValues(clock.nanoTime());
    }

    public synchronized void setFaults(Faults faults) {
        port.setFaults(faults);
    }

    /** Full packets answered so far (dropped ones excluded). */
    public synchronized long packetsServed() {
        return packetsServed;
    }

    @Override
    public synchronized int receive(int b, long atNanos) {
        catchUp(atNanos);
        port.byteArrived(atNanos);
        b &= 0xFF;
        if (port.frameLength() == 0 && b != READ && b != WRITE) {
            return 0;
        }
        int length = port.append(b);
        if (port.frame(0) == READ && length == 2) {
            port.clearFrame();
            handleRead(b, atNanos);
        } else if (port.frame(0) == WRITE && length == 6) {
            port.clearFrame();
            handleWrite(atNanos);
        }
        return port.replyLength();
    }

    @Override
    public byte[] replyBytes() {
        return port.replyBytes();
    }

    @Override
    public long replyExtraDelayNanos() {
        return port.replyExtraDelayNanos();
    }

    private void handleRead(int address, long atNanos) {
        boolean drop = port.faultsBeforeFrame(atNanos);
        boolean corrupt = port.corruptReply();
        if (drop) {
            return;
        }
        port.startReply();
        int start = port.replyLength();
        if (address == FULL) {
            port.put(HEADER);
            for (int r : PACKET_REGISTERS) {
                put24(registerValue(r));
            }
            packetsServed++;
        } else {
            put24(registerValue(address));
        }
        int cs = ~(READ + (address == FULL ? 0 : address) + port.replySum(start)) & 0xFF;
        if (corrupt) {
            cs = port.corrupted(cs);
        }
        port.put(cs);
        port.endReply();
    }

    private void put24(int v) {
        port.put(v);
        port.put(v >> 8);
        port.put(v >> 16);
    }

    private void handleWrite(long atNanos) {
        port.faultsBeforeFrame(atNanos);
        int address = port.frame(1);
        int d0 = port.frame(2);
        int d1 = port.frame(3);
        int d2 = port.frame(4);
        int value = d0 | d1 << 8 | d2 << 16;
        int expected = ~(WRITE + address + d0 + d1 + d2) & 0xFF;
        if (expected != port.frame(5) || address >= 32 || WIDTH[address] == 0 || !writable(address)) {
            return;
        }
        if (address == SOFT_RESET) {
            if (value == 0x5A5A5A) {
                reset(atNanos);
            }
            return;
        }
        regs[address] = value & mask(address);
    }

    private boolean writable(int address) {
        if (address == USR_WRPROT) {
            return true;
        }
        return address >= 0x10 && regs[USR_WRPROT] == 0x55;
    }

    private static int mask(int address) {
        int w = WIDTH[address];
        return w >= 24 ? MASK24 : (1 << w) - 1;
    }

    @Override
    protected int registerValue(int address) {
        if (address < 0 || address >= 32 || WIDTH[address] == 0) {
            return 0;
        }
        return regs[address] & mask(address);
    }

    @Override
    protected void loadResetValues(long atNanos) {
        System.arraycopy(RESET_VALUES, 0, regs, 0, regs.length);
        energyFraction = 0;
        port.clearFrame();
        nextUpdateNanos = atNanos + period();
    }

    private long period() {
        return (regs[MODE] & 0x08) != 0 ? 2 * updatePeriodNanos() : updatePeriodNanos();
    }

    @Override
    protected void catchUp(long nowNanos) {
        if (nowNanos < nextUpdateNanos) {
            return;
        }
        long period = period();
        long ticks = (nowNanos - nextUpdateNanos) / period + 1;
        nextUpdateNanos += ticks * period;
        refreshMeasurements();
        accumulateEnergy(ticks * period / 1e9);
    }

    private double currentGainRatio() {
        return switch (regs[GAIN_CR] & 3) {
            case 0 -> 1 / 16.0;
            case 1 -> 4 / 16.0;
            case 2 -> 1.0;
            default -> 24 / 16.0;
        };
    }

    private void refreshMeasurements() {
        Bl0942FrontEnd fe = frontEnd;
        double noiseU = noiseFactor(fe.noise());
        double noiseI = noiseFactor(fe.noise());
        double voltageV = voltageV();
        double frequencyHz = frequencyHz();
        double vMv = voltageV * noiseU * fe.millivoltsPerVolt() * (1 + fe.voltageError());
        double iMv = flowingCurrentA() * noiseI * fe.millivoltsPerAmp()
                * (1 + fe.currentError()) * currentGainRatio();
        double iCounts = K_I * iMv / VREF_V;
        regs[I_RMS] = clamp24(Math.round(fe.offsetModel().combine(iCounts, fe.currentOffset())));
        regs[I_FAST_RMS] = regs[I_RMS];
        regs[V_RMS] = clamp24(Math.round(K_V * vMv / VREF_V));
        double watt = K_P * iMv * vMv * powerFactor() * (1 + fe.powerError()) / (VREF_V * VREF_V) + fe.powerOffset();
        regs[WATT] = signed24(watt);
        if (voltageV > 0 && frequencyHz > 0) {
            regs[FREQ] = (int) Math.min(0xFFFF, Math.round(1_000_000 / frequencyHz));
        }
        regs[STATUS] = watt < 0 ? 1 : 0;
    }

    private void accumulateEnergy(double seconds) {
        if ((regs[MODE] & 0x04) == 0) {
            return;
        }
        int w = decode24(regs[WATT]);
        double p = (regs[MODE] & 0x80) != 0 ? Math.abs(w) : w;
        double pulses = p * seconds / CF_WATT_SECONDS + energyFraction;
        long whole = (long) Math.floor(pulses);
        energyFraction = pulses - whole;
        regs[CF_CNT] = (int) ((regs[CF_CNT] + whole) & MASK24);
    }
}
