package io.openkws.driver.bl0942;

import io.openkws.driver.uart.UartChipDriver;
import io.openkws.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Talks to a BL0942 over its UART: full-packet reads ({@code 58 AA}), register reads and writes, write protection
 * through USR_WRPROT, soft reset and init, a configuration check that detects a chip reset, and recovery from a
 * line that carries garbage.
 *
 * <p>Exists so the meter sees whole measurements and never a broken frame. Writes are not answered by the chip,
 * so each is verified by reading the register back. A reply with a bad checksum or a short reply is retried after
 * a resynchronisation (input flushed, then read until the line is quiet); a full packet preceded by stray bytes is
 * recovered by searching the received bytes for a header whose packet checks, then reading the rest. Counters
 * tell what went wrong ({@link UartChipDriver}). Time goes through the injected {@link Clock}. Not thread-safe.
 */
public final class Bl0942Driver extends UartChipDriver {

    /** Wait after a soft reset before the chip is written again. */
    public static final long SOFT_RESET_WAIT_NANOS = 25_000_000L;

    /**
     * Tuning of the retry logic.
     *
     * @param attempts       tries per transaction before {@link Bl0942Exception}
     * @param marginNanos    how long past a reply's own wire time to wait for it
     * @param resyncWaitNanos quiet time before a retry
     */
    public record Options(int attempts, long marginNanos, long resyncWaitNanos) {
        public Options {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1");
            }
            if (marginNanos < 0 || resyncWaitNanos <= 0) {
                throw new IllegalArgumentException("margins must be positive");
            }
        }

        public static Options defaults() {
            return new Options(4, 30_000_000L, 25_000_000L);
        }
    }

    private final Bl0942Link link;
    private final Options options;
    private final long byteNanos;
    private final byte[] readRequest = {(byte) Bl0942Frames.READ, 0};
    private final byte[] writeRequest = new byte[Bl0942Frames.WRITE_LENGTH];
    private final byte[] reply = new byte[2 * Bl0942Frames.PACKET_LENGTH];
    private final byte[] drain = new byte[1];

    private Map<Bl0942Register, Integer> initWrites = Map.of();
    private boolean initialised;
    private long resyncs;

    public Bl0942Driver(Bl0942Link link, Clock clock) {
        this(link, clock, Bl0942Frames.DEFAULT_BAUD, Options.defaults());
    }

    public Bl0942Driver(Bl0942Link link, Clock clock, int baud, Options options) {
        super(clock, "BL0942");
        this.link = link;
        this.options = options;
        this.byteNanos = Bl0942Frames.byteNanos(baud);
    }

    /** Time a whole full-packet transaction occupies the line: 2 request bytes and 23 reply bytes. */
    public long packetNanos() {
        return (2 + Bl0942Frames.PACKET_LENGTH) * byteNanos;
    }

    /**
     * Reads MODE: a reply with a good checksum proves a BL0942 answers (the chip has no device ID). Returns it.
     *
     * @throws Bl0942Exception when nothing answers
     */
    public int probe() {
        return read(Bl0942Register.MODE);
    }

    /**
     * Soft-resets the chip, opens write protection, writes {@code writes} (verifying each by reading it back) and
     * closes write protection again. Writes go out in address order whatever the map's order, so the traffic is
     * reproducible. The writes are kept for re-initialisation after a detected reset.
     */
    public void init(Map<Bl0942Register, Integer> writes) {
        Map<Bl0942Register, Integer> copy = new EnumMap<>(Bl0942Register.class);
        for (Map.Entry<Bl0942Register, Integer> e : writes.entrySet()) {
            Bl0942Register r = e.getKey();
            if (!r.writable() || r == Bl0942Register.SOFT_RESET || r == Bl0942Register.USR_WRPROT) {
                throw new IllegalArgumentException(r.sheetName() + " cannot be set at init");
            }
            int v = e.getValue();
            if (v < 0 || v > r.maxValue()) {
                throw new IllegalArgumentException(r.sheetName() + " value out of its " + r.bits() + " bits: " + v);
            }
            copy.put(r, v);
        }
        initWrites = Collections.unmodifiableMap(copy);
        initialise();
    }

    @Override
    protected void runInit() {
        initialised = false;
        writeUnchecked(Bl0942Register.USR_WRPROT, Bl0942Register.WRPROT_OPEN);
        writeUnchecked(Bl0942Register.SOFT_RESET, Bl0942Register.SOFT_RESET_KEY);
        sleep(SOFT_RESET_WAIT_NANOS);
        link.flush();
        write(Bl0942Register.USR_WRPROT, Bl0942Register.WRPROT_OPEN);
        for (Map.Entry<Bl0942Register, Integer> e : initWrites.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        write(Bl0942Register.USR_WRPROT, 0x00);
        initialised = true;
    }

    /** Whether {@link #init} completed (and the last re-init did not fail). */
    public boolean initialised() {
        return initialised;
    }

    /**
     * Reads back every register written at init; when one lost its value the chip was reset (brown-out, glitch):
     * re-initialises it and returns false. A profile that writes only reset values cannot be checked this way; the
     * meter then sees the reset as CF_CNT going back to 0.
     */
    public boolean verifyConfiguration() {
        if (!initialised) {
            return true;
        }
        for (Map.Entry<Bl0942Register, Integer> e : initWrites.entrySet()) {
            if (read(e.getKey()) != e.getKey().decode(e.getValue())) {
                reinit();
                return false;
            }
        }
        return true;
    }

    /** Reads every measurement at once; throws {@link Bl0942Exception} when every try failed. */
    public Bl0942Packet readPacket() {
        readRequest[1] = (byte) Bl0942Frames.FULL_PACKET;
        int length = Bl0942Frames.PACKET_LENGTH;
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            if (attempt > 0) {
                resync();
            }
            link.write(readRequest);
            int n = link.read(reply, 0, length, replyTimeout(length));
            if (n < length) {
                countTimeout();
                continue;
            }
            if (Bl0942Frames.packetOk(reply, 0)) {
                countGoodFrame();
                return Bl0942Frames.decodePacket(reply, 0);
            }
            int offset = recoverPacket();
            if (offset >= 0) {
                return Bl0942Frames.decodePacket(reply, offset);
            }
            countBadChecksum();
        }
        countFailure();
        resync();
        throw new Bl0942Exception("no valid full packet from the BL0942 after " + options.attempts() + " tries");
    }

    /**
     * The 23 bytes read do not form a packet: when stray bytes came first, a later 0x55 starts the real one.
     * Tries each such offset, reading the missing tail; returns the offset of a packet that checks, or -1.
     */
    private int recoverPacket() {
        int length = Bl0942Frames.PACKET_LENGTH;
        int have = length;
        boolean quiet = false;
        for (int k = 1; k < length; k++) {
            if ((reply[k] & 0xFF) != Bl0942Frames.HEADER) {
                continue;
            }
            int need = k + length - have;
            if (need > 0 && !quiet) {
                int got = link.read(reply, have, need, replyTimeout(need));
                have += got;
                quiet = got < need;
            }
            if (have >= k + length && Bl0942Frames.packetOk(reply, k)) {
                resyncs++;
                return k;
            }
        }
        return -1;
    }

    /** Reads {@code register} and decodes it (masked to its width, sign-extended when signed). */
    public int read(Bl0942Register register) {
        return register.decode(readRaw(register.address()));
    }

    private int readRaw(int address) {
        readRequest[1] = (byte) address;
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            if (attempt > 0) {
                resync();
            }
            link.write(readRequest);
            int n = link.read(reply, 0, Bl0942Frames.READ_REPLY_LENGTH, replyTimeout(Bl0942Frames.READ_REPLY_LENGTH));
            if (n < Bl0942Frames.READ_REPLY_LENGTH) {
                countTimeout();
                continue;
            }
            if (!Bl0942Frames.readReplyOk(address, reply)) {
                countBadChecksum();
                continue;
            }
            countGoodFrame();
            return Bl0942Frames.replyValue(reply);
        }
        countFailure();
        resync();
        throw new Bl0942Exception("no valid reply from the BL0942 reading register 0x"
                + Integer.toHexString(address) + " after " + options.attempts() + " tries");
    }

    /**
     * Writes {@code value} and reads it back, retrying until the chip keeps it (the chip does not answer writes).
     * The caller opens write protection for user registers (USR_WRPROT = 0x55).
     */
    public void write(Bl0942Register register, int value) {
        if (value < 0 || value > 0xFFFFFF) {
            throw new IllegalArgumentException("write value out of 24 bits: " + value);
        }
        int expected = register.decode(value);
        for (int attempt = 0; attempt < options.attempts(); attempt++) {
            writeUnchecked(register, value);
            if (read(register) == expected) {
                return;
            }
            countBadChecksum();
        }
        countFailure();
        throw new Bl0942Exception("the BL0942 does not keep " + register.sheetName() + " = 0x"
                + Integer.toHexString(value) + " (write protection, or no chip?)");
    }

    private void writeUnchecked(Bl0942Register register, int value) {
        Bl0942Frames.writeFrame(writeRequest, register.address(), value);
        link.write(writeRequest);
    }

    private long replyTimeout(int bytes) {
        return bytes * byteNanos + options.marginNanos();
    }

    private void resync() {
        resync(options.resyncWaitNanos());
    }

    @Override
    protected void flushInput() {
        link.flush();
    }

    @Override
    protected int drainByte(long timeoutNanos) {
        return link.read(drain, 0, 1, timeoutNanos);
    }

    @Override
    protected Bl0942Exception failure(String message) {
        return new Bl0942Exception(message);
    }

    /** Energy pulses between two CF_CNT readings, modulo 2^24 (the counter wraps). */
    public static int energyDelta(int previousRaw, int currentRaw) {
        return (currentRaw - previousRaw) & 0xFFFFFF;
    }

    /** Full packets recovered from behind stray bytes. */
    public long resyncs() {
        return resyncs;
    }

    /** Bad frames of any kind: bad checksum, timeout, packet behind garbage. */
    @Override
    public long badFrames() {
        return badChecksums() + timeouts() + resyncs;
    }
}
