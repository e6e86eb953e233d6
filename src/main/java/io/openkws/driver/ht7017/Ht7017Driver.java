package io.openkws.driver.ht7017;

import io.openkws.driver.uart.UartChipDriver;
import io.openkws.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Talks to one HT7017 over an {@link Ht7017Link}: probe, initialisation, register reads and writes with retries,
 * resynchronisation, and detection of a chip that reset itself.
 *
 * <p>Exists so the protocol rules of the fact sheet live in one place for the Pi, the simulator and the tests:
 * every write is checked against the ACK byte 0x54; a timeout, a bad checksum or garbage makes the driver flush
 * the link and wait longer than the chip's 20 ms inter-byte receiver reset before it retries; after init it
 * remembers SUMChecksum and {@link #verifyChecksum()} re-initialises the chip when the sum changed (brown-out,
 * spontaneous reset). Counting and resynchronisation are the shared {@link UartChipDriver}'s. The steady-state
 * read path allocates nothing: request and reply buffers are reused.
 * Not thread-safe: one control loop owns a driver.
 */
public final class Ht7017Driver extends UartChipDriver {

    /** DeviceID of the 5000:1 chip (ATT7053B default). */
    public static final int DEVICE_ID_5000 = 0x705304;
    /** DeviceID of the newer chip version. */
    public static final int DEVICE_ID_NEWER = 0x705321;
    /** ADCCON's reset value, written when a profile does not name ADCCON (energy metering needs a write). */
    public static final int ADCCON_RESET_VALUE = 0x0000;
    /** Settle time after SRSTREG = 0x55 (sources disagree between 2 and 20 ms). */
    public static final long SOFT_RESET_WAIT_NANOS = 25_000_000L;
    private static final int MASK24 = 0xFFFFFF;

    /**
     * Tuning of the retry logic.
     *
     * @param attempts         tries per transaction before {@link Ht7017Exception}
     * @param replyTimeoutNanos how long to wait for a complete reply after the request was sent
     * @param resyncWaitNanos   quiet time before a retry; must exceed the chip's 20 ms receiver reset
     */
    public record Options(int attempts, long replyTimeoutNanos, long resyncWaitNanos) {
        public Options {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1");
            }
            if (resyncWaitNanos <= Ht7017Frames.INTER_BYTE_RESET_NANOS) {
                throw new IllegalArgumentException("resync wait must exceed the chip's 20 ms receiver reset");
            }
        }

        public static Options defaults() {
            return new Options(4, 50_000_000L, 25_000_000L);
        }
    }

    private final Ht7017Link link;
    private final Options options;
    private final byte[] readRequest = {(byte) Ht7017Frames.HEAD, 0};
    private final byte[] writeRequest = new byte[5];
    private final byte[] reply = new byte[Ht7017Frames.READ_REPLY_LENGTH];

    private Map<Ht7017Register, Integer> initWrites = Map.of();
    private boolean initialised;
    private int expectedSum;
    private int deviceId;
    private long naks;

    public Ht7017Driver(Ht7017Link link, Clock clock) {
        this(link, clock, Options.defaults());
    }

    public Ht7017Driver(Ht7017Link link, Clock clock, Options options) {
        super(clock, "HT7017");
        this.link = link;
        this.options = options;
    }

    /**
     * Reads DeviceID. Returns it when the chip answered with a valid frame (0x705304 or 0x705321 are the known
     * values; any other nonzero value is returned too and {@link #knownDevice(int)} tells the caller to report it).
     *
     * @throws Ht7017Exception when nothing answers or the reply is zero
     */
    public int probe() {
        int id = readRaw(Ht7017Register.DEVICE_ID);
        if (id == 0) {
            throw new Ht7017Exception("HT7017 answered DeviceID 0");
        }
        deviceId = id;
        return id;
    }

    /** Whether {@code id} is a DeviceID the fact sheet documents. */
    public static boolean knownDevice(int id) {
        return id == DEVICE_ID_5000 || id == DEVICE_ID_NEWER;
    }

    /** The DeviceID seen by the last successful {@link #probe()}, 0 before. */
    public int deviceId() {
        return deviceId;
    }

    /**
     * Soft-resets the chip and writes {@code writes} (0x40-0x45 under WPREG 0xBC, 0x50-0x7C under WPREG 0xA6,
     * ADCCON always, with its reset value if absent), closes write protection and remembers SUMChecksum.
     * Writes go out in address order whatever the map's order, so the traffic is reproducible. The writes are
     * kept for re-initialisation after a detected chip reset.
     */
    public void init(Map<Ht7017Register, Integer> writes) {
        Map<Ht7017Register, Integer> copy = new EnumMap<>(Ht7017Register.class);
        for (Map.Entry<Ht7017Register, Integer> e : writes.entrySet()) {
            Ht7017Register r = e.getKey();
            if (!r.writable() || r == Ht7017Register.WPREG || r == Ht7017Register.SRSTREG) {
                throw new IllegalArgumentException(r.sheetName() + " cannot be set at init");
            }
            int v = e.getValue();
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException(r.sheetName() + " value out of 16 bits: " + v);
            }
            copy.put(r, v);
        }
        copy.putIfAbsent(Ht7017Register.ADCCON, ADCCON_RESET_VALUE);
        initWrites = Collections.unmodifiableMap(copy);
        initialise();
    }

    @Override
    protected void runInit() {
        initialised = false;
        softReset();
        for (Map.Entry<Ht7017Register, Integer> e : initWrites.entrySet()) {
            if (e.getKey().access() == Ht7017Register.Access.OPEN) {
                write(e.getKey(), e.getValue());
            }
        }
        writeGroup(Ht7017Register.Access.KEY_BC, Ht7017Register.WP_KEY_BC);
        writeGroup(Ht7017Register.Access.KEY_A6, Ht7017Register.WP_KEY_A6);
        write(Ht7017Register.WPREG, 0x00);
        expectedSum = readRaw(Ht7017Register.SUM_CHECKSUM);
        initialised = true;
    }

    private void writeGroup(Ht7017Register.Access access, int key) {
        boolean opened = false;
        for (Map.Entry<Ht7017Register, Integer> e : initWrites.entrySet()) {
            if (e.getKey().access() == access) {
                if (!opened) {
                    write(Ht7017Register.WPREG, key);
                    opened = true;
                }
                write(e.getKey(), e.getValue());
            }
        }
    }

    private void softReset() {
        frame(Ht7017Register.SRSTREG.address(), Ht7017Register.SOFT_RESET);
        link.write(writeRequest);
        link.read(reply, 1, options.replyTimeoutNanos());
        sleep(SOFT_RESET_WAIT_NANOS);
        link.flush();
    }

    /** Whether {@link #init} completed since the driver was made (and the last re-init did not fail). */
    public boolean initialised() {
        return initialised;
    }

    /** SUMChecksum remembered after the last init. */
    public int expectedChecksum() {
        return expectedSum;
    }

    /**
     * Reads SUMChecksum and compares it with the value remembered after init; on a mismatch the chip lost its
     * configuration (reset, brown-out): re-initialises it and returns false.
     */
    public boolean verifyChecksum() {
        int sum = readRaw(Ht7017Register.SUM_CHECKSUM);
        if (!initialised || sum == expectedSum) {
            return true;
        }
        reinit();
        return false;
    }

    /** Reads {@code register} and decodes it (masked, sign-extended for signed registers). */
    public int read(Ht7017Register register) {
        return register.decode(readRaw(register));
    }

    /** Reads the raw 24-bit reply of {@code register}, retrying; throws {@link Ht7017Exception} when all tries fail. */
    public int readRaw(Ht7017Register register) {
        int address = register.address();
        readRequest[1] = (byte) address;
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            if (attempt > 0) {
                resync();
            }
            link.write(readRequest);
            int n = link.read(reply, Ht7017Frames.READ_REPLY_LENGTH, options.replyTimeoutNanos());
            if (n < Ht7017Frames.READ_REPLY_LENGTH) {
                countTimeout();
                continue;
            }
            if (!Ht7017Frames.replyChecksumOk(address, reply)) {
                countBadChecksum();
                continue;
            }
            countGoodFrame();
            return Ht7017Frames.replyValue(reply);
        }
        countFailure();
        resync();
        throw new Ht7017Exception("no valid reply from HT7017 reading " + register.sheetName() + " after "
                + options.attempts() + " tries");
    }

    /** Writes a 16-bit value (the caller opens write protection when the register needs it); checks the ACK. */
    public void write(Ht7017Register register, int value16) {
        if (value16 < 0 || value16 > 0xFFFF) {
            throw new IllegalArgumentException("write value out of 16 bits: " + value16);
        }
        frame(register.address(), value16);
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            if (attempt > 0) {
                resync();
            }
            link.write(writeRequest);
            int n = link.read(reply, 1, options.replyTimeoutNanos());
            if (n < 1) {
                countTimeout();
                continue;
            }
            int ack = reply[0] & 0xFF;
            if (ack == Ht7017Frames.ACK_OK) {
                countGoodFrame();
                return;
            }
            if (ack == Ht7017Frames.ACK_ERROR) {
                naks++;
            } else {
                countBadChecksum();
            }
        }
        countFailure();
        resync();
        throw new Ht7017Exception("HT7017 did not acknowledge the write of " + register.sheetName() + " after "
                + options.attempts() + " tries");
    }

    private void frame(int address, int value16) {
        int cmd = Ht7017Frames.WRITE_FLAG | address;
        int dh = (value16 >> 8) & 0xFF;
        int dl = value16 & 0xFF;
        writeRequest[0] = (byte) Ht7017Frames.HEAD;
        writeRequest[1] = (byte) cmd;
        writeRequest[2] = (byte) dh;
        writeRequest[3] = (byte) dl;
        writeRequest[4] = (byte) Ht7017Frames.writeChecksum(cmd, dh, dl);
    }

    /** Waits longer than the chip's 20 ms receiver reset for a quiet line ({@link UartChipDriver#resync}). */
    private void resync() {
        resync(options.resyncWaitNanos());
    }

    @Override
    protected void flushInput() {
        link.flush();
    }

    @Override
    protected int drainByte(long timeoutNanos) {
        return link.read(reply, 1, timeoutNanos);
    }

    @Override
    protected Ht7017Exception failure(String message) {
        return new Ht7017Exception(message);
    }

    /** Energy pulses between two EnergyP readings, modulo 2^24 (the counter wraps). */
    public static int energyDelta(int previousRaw, int currentRaw) {
        return (currentRaw - previousRaw) & MASK24;
    }

    /** Writes the chip answered with 0x63. */
    public long naks() {
        return naks;
    }

    /** Bad frames of any kind: bad checksum, timeout, NAK. */
    @Override
    public long badFrames() {
        return badChecksums() + timeouts() + naks;
    }
}
