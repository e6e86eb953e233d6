package io.openkws.bench;

import io.openkws.io.trace.RecordingTm1622Bus;
import io.openkws.driver.tm1622.Tm1622Driver;
import io.openkws.time.VirtualClock;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.SegmentMap;

/**
 * GPIO pin writes the TM1622 driver spends on a full refresh and on a one-digit change of the main reading.
 *
 * <p>Exists because every pin write is a GPIO call on a Pi, made while the display task competes with the
 * control loop for two or four cores: the delta flush must make ordinary updates (a reading's last digit
 * changes) a small fraction of a full rewrite. Counted by {@link Tm1622Driver#pinWrites()}, which only counts
 * writes that change a line's level.
 */
public final class LcdBench {

    /** The result: pin writes of {@link Tm1622Driver#refresh()} and of one digit's {@link Tm1622Driver#flush()}. */
    public record Result(long fullRefreshPinWrites, long digitUpdatePinWrites) {
    }

    private LcdBench() {
    }

    /** Shows "230.4" on the main field, then measures a full refresh and the change to "230.5". */
    public static Result run(SegmentMap segments) {
        Tm1622Driver driver = new Tm1622Driver(new RecordingTm1622Bus(new VirtualClock()));
        driver.init();
        driver.show(LcdFrame.text("main", "230.4").withIcon("V").toRam(segments, true));
        driver.flush();
        long before = driver.pinWrites();
        driver.refresh();
        long full = driver.pinWrites() - before;
        driver.show(LcdFrame.text("main", "230.5").withIcon("V").toRam(segments, true));
        long digit = driver.flush();
        return new Result(full, digit);
    }
}
