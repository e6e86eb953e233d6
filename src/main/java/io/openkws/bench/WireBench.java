package io.openkws.bench;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;

/**
 * Register reads per second through the whole serial path — {@link Ht7017Driver}, jSerialComm
 * ({@link SerialHt7017Link}) and a pseudo-terminal — against the simulated chip paced at 4800 8E1
 * ({@link PtyHt7017Server}).
 *
 * <p>Exists to show how much of the wire the software uses: a read is 6 bytes on the line (2 out, 4 back), so
 * the wire allows {@link #wireLimitReadsPerSecond()} reads a second; the ratio to it should be close to 1 and can
 * never exceed 1 unless the pacing is wrong.
 */
public final class WireBench {

    /** Bytes on the wire for one register read: 2 request bytes and 4 reply bytes. */
    public static final int BYTES_PER_READ = 2 + Ht7017Frames.READ_REPLY_LENGTH;

    /** The result. */
    public record Result(double readsPerSecond, double wireLimitReadsPerSecond, long reads, long badFrames) {
        public double ratio() {
            return readsPerSecond / wireLimitReadsPerSecond;
        }
    }

    private WireBench() {
    }

    /** The most reads a second the line allows (72.73 at 4800 8E1). */
    public static double wireLimitReadsPerSecond() {
        return 1e9 / (BYTES_PER_READ * (double) Ht7017Frames.BYTE_NANOS);
    }

    /** Reads Rms_U {@code reads} times (after a few warm-up reads) and times it on the system clock. */
    public static Result run(FrontEnd frontEnd, int reads) {
        Clock clock = SystemClock.instance();
        Ht7017Sim sim = new Ht7017Sim(clock, frontEnd);
        sim.setVoltageV(230);
        try (PtyHt7017Server server = PtyHt7017Server.start(sim)) {
            SerialHt7017Link link = SerialHt7017Link.open(server.path(), clock);
            try {
                Ht7017Driver driver = new Ht7017Driver(link, clock);
                for (int i = 0; i < 20; i++) {
                    driver.read(Ht7017Register.RMS_U);
                }
                long bad = driver.badFrames();
                long start = clock.nanoTime();
                for (int i = 0; i < reads; i++) {
                    driver.read(Ht7017Register.RMS_U);
                }
                long elapsed = clock.nanoTime() - start;
                return new Result(reads / (elapsed / 1e9), wireLimitReadsPerSecond(), reads, driver.badFrames() - bad);
            } finally {
                link.close();
            }
        }
    }
}
