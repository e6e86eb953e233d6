package io.openkws.io.sim.ht7017;

import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;

/**
 * The simulated board's serial device, which can be unplugged and plugged back like a USB adapter.
 *
 * <p>Exists so the fail-safe path for a vanishing UART runs in simulation through the same reopening code as on a
 * Pi: {@link #open} fails while unplugged ("no such serial port"), and a link opened earlier fails every read and
 * write from the moment it is unplugged, as jSerialComm does when its device disappears.
 */
public final class SimUart {

    private final String path;
    private volatile boolean present = true;
    private volatile long plugGeneration;

    /** @param path the name the simulated device goes by in messages (e.g. {@code /dev/sim-ht7017}) */
    public SimUart(String path) {
        this.path = path;
    }

    /** Unplugs ({@code false}) or plugs back ({@code true}) the device. */
    public void setPresent(boolean present) {
        if (!present) {
            plugGeneration++;
        }
        this.present = present;
    }

    public boolean present() {
        return present;
    }

    /** Opens the device: {@code link} while it is plugged in, failing from the moment it is unplugged. */
    public Ht7017Link open(Ht7017Link link) {
        if (!present) {
            link.close();
            throw new Ht7017Exception(path + ": no such serial port");
        }
        long generation = plugGeneration;
        return new Ht7017Link() {
            @Override
            public void write(byte[] bytes) {
                check();
                link.write(bytes);
            }

            @Override
            public int read(byte[] buffer, int count, long timeoutNanos) {
                check();
                return link.read(buffer, count, timeoutNanos);
            }

            @Override
            public void flush() {
                check();
                link.flush();
            }

            @Override
            public void close() {
                link.close();
            }

            private void check() {
                if (!present || plugGeneration != generation) {
                    throw new Ht7017Exception(path + ": serial read failed (port gone?)");
                }
            }
        };
    }
}
