package io.openkws.web;

import java.time.Instant;
import java.util.List;

/**
 * What the History page needs of the energy history store: the most recent rows per hour, day or month.
 *
 * <p>Exists so the console does not depend on the store's package: {@code run} adapts the store to this interface
 * and passes it to {@link WebConsole#start}; without one the page says there is no history.
 */
public interface HistorySource {

    /**
     * The {@code count} most recent rows of resolution {@code by}, oldest first (the row in progress may be last).
     * May throw; the console answers with an error line and keeps running.
     */
    List<Row> latest(Resolution by, int count) throws Exception;

    /** Row length. */
    enum Resolution {
        HOUR, DAY, MONTH
    }

    /**
     * One hour, day or month of history.
     *
     * @param start              start of the period (UTC)
     * @param energyKWh          energy used in the period
     * @param voltageMinV        lowest voltage seen (NaN when none)
     * @param voltageAvgV        average voltage (NaN when none)
     * @param voltageMaxV        highest voltage seen (NaN when none)
     * @param powerMaxW          highest active power (NaN when none)
     * @param relayClosedMinutes minutes the relay was closed
     */
    record Row(Instant start, double energyKWh, double voltageMinV, double voltageAvgV, double voltageMaxV,
               double powerMaxW, double relayClosedMinutes) {
    }
}
