package io.openkws.meter.history;

/**
 * One reading as the history needs it, small and immutable so the control thread can hand it to the history
 * writer through a queue without copying anything else.
 *
 * @param epochMillis   wall-clock time of the reading, milliseconds since 1970-01-01T00:00Z
 * @param voltageV      RMS voltage
 * @param powerW        active power, W
 * @param relayClosed   whether the relay's contacts were closed at that time
 * @param lifetimeKWh   the lifetime energy total (the state store's figure) at that time, kWh
 * @param readings      how many equal consecutive readings this sample stands for (1 on a device; more in a
 *                      simulation that skipped the polls of a quiet stretch), its weight in the voltage average
 */
public record HistorySample(long epochMillis, double voltageV, double powerW, boolean relayClosed,
                            double lifetimeKWh, int readings) {

    public HistorySample {
        if (readings < 1) {
            throw new IllegalArgumentException("a sample stands for at least one reading, not " + readings);
        }
    }

    /** A sample of one reading. */
    public HistorySample(long epochMillis, double voltageV, double powerW, boolean relayClosed, double lifetimeKWh) {
        this(epochMillis, voltageV, powerW, relayClosed, lifetimeKWh, 1);
    }
}
