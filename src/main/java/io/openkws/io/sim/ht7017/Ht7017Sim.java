package io.openkws.io.sim.ht7017;

import io.openkws.io.sim.board.SimRegisterChip;
import io.openkws.io.sim.uart.SimUartChip;
import io.openkws.io.sim.uart.SimUartPort;
import io.openkws.time.Clock;

/**
 * A simulated HT7017, written from the fact sheet: register file with reset values, the UART protocol (read and
 * write frames, checksums, ACK 0x54 / 0x63), write protection by WPREG, soft reset by SRSTREG, DeviceID and
 * ChipID, SUMChecksum, measurement registers refreshed every {@code updatePeriodNanos} from "true" inputs through
 * a {@link FrontEnd} that responds to the calibration registers, energy pulse accumulation (only after ADCCON has
 * been written since the last reset), the 20 ms inter-byte receiver reset, and seeded fault injection.
 *
 * <p>Exists so the real driver can be exercised without hardware, in virtual time or on a pseudo-terminal. It
 * deliberately shares no code with the driver beyond constants: its frames are parsed here, byte by byte; the
 * mains inputs and the receiver, reply and fault plumbing are shared with the BL0942 simulator
 * ({@link SimRegisterChip}, {@link SimUartPort}).
 * Thread-safe: inputs may be changed from another thread than the one talking to the chip.
 */
public final class Ht7017Sim extends SimRegisterChip implements SimUartChip {

    public static final int DEVICE_ID = 0x705304;
    public static final int CHIP_ID = 0x7053B0;
    public static final long DEFAULT_UPDATE_PERIOD_NANOS = 100_000_000L;
    static final int ACK_OK = 0x54;
    static final int ACK_ERROR = 0x63;
    static final long RX_RESET_GAP_NANOS = 20_000_000L;
    private static final int HEAD = 0x6A;
    private static final int MASK24 = 0xFFFFFF;
    private static final int[] RESET_VALUES = new int[128];

    static {
        RESET_VALUES[0x09] = 0x2710;
        RESET_VALUES[0x41] = 0x0088;
        RESET_VALUES[0x42] = 0x007E;
        RESET_VALUES[0x43] = 0x0003;
        RESET_VALUES[0x5F] = 0x0040;
        RESET_VALUES[0x61] = 0x0040;
        RESET_VALUES[0x62] = 0x0010;
        RESET_VALUES[0x63] = 0x0020;
        RESET_VALUES[0x72] = 0x0031;
    }

    private final FrontEnd frontEnd;
    private final int[] regs = new int[128];
    private final SimUartPort port;

    private long nextUpdateNanos;
    private boolean adcconWritten;
    private double energyFraction;
    private UpdateListener updateListener;
    private ReadListener readListener;
    private long lastUpdateNanos;

    /**
     * Told when the measurement registers take new values (benchmarks and tests time a reaction from it).
     * Called under the simulator's lock: keep it quick and do not call back into the simulator.
     */
    @FunctionalInterface
    public interface UpdateListener {
        /**
         * The measurement registers took the values computed from {@code voltageV} (and the other true inputs)
         * at {@code atNanos}, the chip's update instant on its clock (the model computes updates lazily, so
         * this may be reported slightly later than it happened).
         */
        void measurementsUpdated(long atNanos, double voltageV);
    }

    /**
     * Told of every register read the chip answers (benchmarks measure how old the host's values are from it).
     * Called under the simulator's lock: keep it quick and do not call back into the simulator.
     */
    @FunctionalInterface
    public interface ReadListener {
        /**
         * Register {@code address} was read at {@code atNanos} (when the request completed), showing the
         * measurement update made at {@code updateNanos} (the last reset, before the first update).
         */
        void registerRead(int address, long atNanos, long updateNanos);
    }

    public Ht7017Sim(Clock clock, FrontEnd frontEnd) {
        this(clock, frontEnd, DEFAULT_UPDATE_PERIOD_NANOS, 1L);
    }

    public Ht7017Sim(Clock clock, FrontEnd frontEnd, long updatePeriodNanos, long seed) {
        super(clock, updatePeriodNanos, seed);
        this.frontEnd = frontEnd;
        this.port = new SimUartPort(random, Faults.NONE, 5, 8, RX_RESET_GAP_NANOS, this::reset);
        loadResetValues(clock.nanoTime());
    }

    /** Sets (or, with null, removes) the one {@link UpdateListener}. */
    public synchronized void setUpdateListener(UpdateListener listener) {
        this.updateListener = listener;
    }

    /** Sets (or, with null, removes) the one {@link ReadListener}. */
    public synchronized void setReadListener(ReadListener listener) {
        this.readListener = listener;
    }

    public synchronized void setFaults(Faults faults) {
        port.setFaults(faults);
    }

    /** Whether ADCCON was written since the last reset (the chip meters energy only then). */
    public synchronized boolean energyEnabled() {
        return adcconWritten;
    }

    @Override
    public synchronized int receive(int b, long atNanos) {
        catchUp(atNanos);
        port.byteArrived(atNanos);
        b &= 0xFF;
        if (port.frameLength() == 0 && b != HEAD) {
            return 0;
        }
        int length = port.append(b);
        if (length == 2 && (b & 0x80) == 0) {
            port.clearFrame();
            handleRead(b, atNanos);
        } else if (length == 5) {
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
        int value = registerValue(address) & MASK24;
        int cs = ~(HEAD + address + (value >> 16) + ((value >> 8) & 0xFF) + (value & 0xFF)) & 0xFF;
        if (port.corruptReply()) {
            cs = port.corrupted(cs);
        }
        if (drop) {
            return;
        }
        if (readListener != null) {
            readListener.registerRead(address, atNanos, lastUpdateNanos);
        }
        port.startReply();
        port.put(value >> 16);
        port.put(value >> 8);
        port.put(value);
        port.put(cs);
        port.endReply();
    }

    private void handleWrite(long atNanos) {
        boolean drop = port.faultsBeforeFrame(atNanos);
        int cmd = port.frame(1);
        int address = cmd & 0x7F;
        int value = (port.frame(2) << 8) | port.frame(3);
        int expected = ~(HEAD + cmd + port.frame(2) + port.frame(3)) & 0xFF;
        boolean ok = expected == port.frame(4) && writable(address);
        boolean reset = false;
        if (ok) {
            reset = applyWrite(address, value, atNanos);
        }
        if (drop) {
            return;
        }
        port.startReply();
        port.put(ok ? ACK_OK : ACK_ERROR);
        port.endReply();
        if (reset) {
            reset(atNanos);
        }
    }

    private boolean writable(int address) {
        int wp = regs[0x32];
        if (address >= 0x30 && address <= 0x33) {
            return address != 0x31;
        }
        if (address >= 0x40 && address <= 0x45) {
            return wp == 0xBC;
        }
        if (address >= 0x50 && address <= 0x7C) {
            return wp == 0xA6;
        }
        return false;
    }

    /** Stores a write; returns true when it was a soft-reset request (applied after the ACK is queued). */
    private boolean applyWrite(int address, int value, long atNanos) {
        if (address == 0x33) {
            return value == 0x55;
        }
        if (address == 0x32) {
            regs[address] = value & 0xFF;
            return false;
        }
        regs[address] = value;
        if (address == 0x59) {
            adcconWritten = true;
        }
        return false;
    }

    @Override
    protected int registerValue(int address) {
        return switch (address) {
            case 0x18 -> sumChecksum();
            case 0x1B -> CHIP_ID;
            case 0x1C -> DEVICE_ID;
            case 0x33 -> 0;
            default -> address >= 0 && address < 128 ? regs[address] : 0;
        };
    }

    private int sumChecksum() {
        int sum = 0;
        for (int a = 0x40; a <= 0x7C; a++) {
            if (a < 0x6F || a > 0x74) {
                sum += regs[a];
            }
        }
        return sum & MASK24;
    }

    @Override
    protected void loadResetValues(long atNanos) {
        System.arraycopy(RESET_VALUES, 0, regs, 0, regs.length);
        adcconWritten = false;
        energyFraction = 0;
        port.clearFrame();
        nextUpdateNanos = atNanos + updatePeriodNanos();
        lastUpdateNanos = atNanos;
    }

    @Override
    protected void catchUp(long nowNanos) {
        if (nowNanos < nextUpdateNanos) {
            return;
        }
        long period = updatePeriodNanos();
        long firstTickNanos = nextUpdateNanos;
        long ticks = (nowNanos - nextUpdateNanos) / period + 1;
        nextUpdateNanos += ticks * period;
        lastUpdateNanos = nextUpdateNanos - period;
        refreshMeasurements();
        accumulateEnergy(ticks * period / 1e9);
        if (updateListener != null) {
            updateListener.measurementsUpdated(firstTickNanos, voltageV());
        }
    }

    private static int signed16(int v) {
        return v >= 32768 ? v - 65536 : v;
    }

    /** The I1 PGA gain set by the chip's ADCCON register (the front-end's scales are at PGA x1). */
    private double pgaRatio() {
        int adccon = regs[0x59];
        int gain;
        if ((adccon & 0x1000) != 0) {
            gain = 24;
        } else {
            gain = switch ((adccon >> 2) & 3) {
                case 0 -> 1;
                case 1 -> 4;
                case 2 -> 8;
                default -> 16;
            };
        }
        return gain;
    }

    private void refreshMeasurements() {
        FrontEnd fe = frontEnd;
        double noiseU = noiseFactor(fe.noise());
        double noiseI = noiseFactor(fe.noise());
        double voltageV = voltageV();
        double frequencyHz = frequencyHz();
        double v = voltageV * noiseU;
        double i = flowingCurrentA() * noiseI * pgaRatio();
        regs[0x08] = clamp24(Math.round(v * fe.voltageScale() * (1 + fe.voltageError())));
        double rawI = fe.offsetModel().combine(i * fe.currentScale() * (1 + fe.currentError()), fe.currentOffset());
        double offset = regs[0x69] * 32768.0;
        regs[0x06] = clamp24(Math.round(Math.sqrt(Math.max(0, rawI * rawI - offset))));
        double phi = Math.acos(powerFactor());
        double angle = phi + fe.phaseErrorRad() - signed16(regs[0x6D]) / 32768.0;
        double base = fe.powerScale() * (1 + fe.powerError()) * v * i;
        double p = base * (1 + signed16(regs[0x50]) / 32768.0) * Math.cos(angle);
        double q = base * (1 + signed16(regs[0x51]) / 32768.0) * Math.sin(angle);
        double s = Math.abs(fe.powerScale()) * (1 + fe.powerError()) * (1 + signed16(regs[0x52]) / 32768.0) * v * i;
        regs[0x0A] = signed24(p);
        regs[0x0B] = signed24(q);
        regs[0x0C] = signed24(s);
        regs[0x09] = frequencyHz > 0 && voltageV > 0 ? (int) Math.min(0xFFFF, Math.round(500000 / frequencyHz)) : 0;
        int pAbs = Math.abs(decode24(regs[0x0A]));
        regs[0x19] = (decode24(regs[0x0B]) < 0 ? 1 : 0) | (decode24(regs[0x0A]) < 0 ? 2 : 0)
                | (pAbs < regs[0x5F] ? 4 : 0);
    }

    private void accumulateEnergy(double seconds) {
        if (!adcconWritten) {
            return;
        }
        int hf = Math.max(1, regs[0x61]);
        double pulses = Math.abs(decode24(regs[0x0A])) * 15625.0 / (hf * 8388608.0) * seconds + energyFraction;
        long whole = (long) Math.floor(pulses);
        energyFraction = pulses - whole;
        regs[0x0D] = (int) ((regs[0x0D] + whole) & MASK24);
    }
}
