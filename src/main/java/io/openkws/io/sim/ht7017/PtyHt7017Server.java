package io.openkws.io.sim.ht7017;

import io.openkws.io.sim.uart.PtyUartServer;

/**
 * Serves a {@link Ht7017Sim} on a pseudo-terminal at the HT7017's wire pacing (a read costs at least 13.75 ms as on
 * a real 4800 8E1 line), so the real serial path (jSerialComm, the driver, the CLI) is exercised end to end
 * without hardware.
 *
 * <p>Usage: {@code try (var server = PtyHt7017Server.start(sim)) { open(server.path()) ... }}. Runs on the
 * system clock (the simulator must use it too). A thin name over the shared {@link PtyUartServer}.
 */
public final class PtyHt7017Server implements AutoCloseable {

    private final PtyUartServer server;

    private PtyHt7017Server(PtyUartServer server) {
        this.server = server;
    }

    /** Opens a pseudo-terminal and starts serving {@code sim} on it. */
    public static PtyHt7017Server start(Ht7017Sim sim) {
        return new PtyHt7017Server(PtyUartServer.start(Ht7017Wire.to(sim), "ht7017"));
    }

    /** The path a serial client opens, e.g. {@code /dev/pts/5}. */
    public String path() {
        return server.path();
    }

    @Override
    public void close() {
        server.close();
    }
}
