package io.openkws.driver.bl0942;

/**
 * The byte pipe between the driver and a BL0942: a real UART (jSerialComm, 8N1) or the simulated chip.
 *
 * <p>Implementations do not interpret frames. Reads never block longer than the timeout they are given.
 */
public interface Bl0942Link extends AutoCloseable {

    /** Sends {@code bytes} back to back. */
    void write(byte[] bytes);

    /**
     * Reads up to {@code count} bytes into {@code buffer} from {@code offset}, waiting at most {@code timeoutNanos}
     * in total. Returns the number of bytes read, fewer than {@code count} on timeout.
     */
    int read(byte[] buffer, int offset, int count, long timeoutNanos);

    /** Discards any received bytes not yet read. */
    void flush();

    @Override
    void close();
}
