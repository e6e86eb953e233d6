package io.openkws.driver.tm1622;

/**
 * The TM1622's serial lines as the driver sees them: CS, WR, DATA, the optional RD, and a way to wait.
 *
 * <p>Exists so the driver's bit-banging is written once and runs on Pi GPIO ({@link PinTm1622Bus}), on the
 * simulated chip, and into a recorder for golden traces ({@code io.openkws.io.trace.RecordingTm1622Bus}). Levels are electrical:
 * {@code true} = high; CS, WR and RD are active low. Implementations do no protocol work and no buffering: every
 * call is one line write, in order.
 */
public interface Tm1622Bus {

    /** Drives CS (chip select, active low). */
    void cs(boolean high);

    /** Drives WR (write strobe; the chip latches DATA on its rising edge). */
    void wr(boolean high);

    /** Drives DATA. Driving it high also releases it where DATA is wired open-drain for read-back. */
    void data(boolean high);

    /** Whether RD is wired and DATA can be read, so {@link #rd} and {@link #readData} work. */
    default boolean canRead() {
        return false;
    }

    /** Drives RD (read strobe, active low). */
    default void rd(boolean high) {
        throw new UnsupportedOperationException("this TM1622 bus has no RD line");
    }

    /** Samples the DATA line (meaningful in read mode, with DATA released high). */
    default boolean readData() {
        throw new UnsupportedOperationException("this TM1622 bus cannot read DATA");
    }

    /** Waits {@code nanos} nanoseconds (one half-period of the serial clock, typically). */
    void pause(long nanos);
}
