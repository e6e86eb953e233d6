package io.openkws.driver.ht7017;

/**
 * The byte pipe between the driver and an HT7017: the only thing that differs between a real UART (jSerialComm),
 * the simulated chip, and a recorder for golden tests.
 *
 * <p>Implementations do not interpret frames. Reads never block longer than the timeout they are given.
 */
public interface Ht7017Link extends AutoCloseable {

    /** Sends {@code bytes} back to back (the chip resets its receiver after a 20 ms gap). */
    void write(byte[] bytes);

    /**
     * Reads up to {@code count} bytes into {@code buffer} from index 0, waiting at most {@code timeoutNanos} in
     * total. Returns the number of bytes read, fewer than {@code count} on timeout.
     */
    int read(byte[] buffer, int count, long timeoutNanos);

    /** Discards any received bytes not yet read (resynchronisation after garbage or a timeout). */
    void flush();

    @Override
    void close();
}
