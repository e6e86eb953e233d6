package io.openkws.driver.tuyamcu;

/**
 * The byte pipe between openkws and a TuyaMCU WiFi module: a UART on the device, an in-process pair or a
 * pseudo-terminal in tests.
 *
 * <p>Exists so the bridge never sees jSerialComm: implementations move bytes and do not interpret frames. One thread
 * reads and one thread writes; both may run at once.
 */
public interface TuyaMcuLink extends AutoCloseable {

    /** Sends {@code bytes} back to back. Throws {@link java.io.UncheckedIOException} when the port is gone. */
    void write(byte[] bytes);

    /**
     * Reads what has arrived, at most {@code buffer.length} bytes, waiting at most {@code timeoutMillis} for the
     * first one. Returns the count, 0 on timeout; throws {@link java.io.UncheckedIOException} when the port is gone
     * or the link is closed.
     */
    int read(byte[] buffer, int timeoutMillis);

    /** Releases the port; a blocked {@link #read} returns or throws soon after. */
    @Override
    void close();
}
