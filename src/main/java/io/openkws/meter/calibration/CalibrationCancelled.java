package io.openkws.meter.calibration;

/**
 * The user stopped a calibration (Ctrl-C, end of input, a step they cannot complete): nothing was written and the
 * chip's registers were put back as they were.
 *
 * <p>Exists so the command line reports a cancel as one line and a non-zero exit, like any user decision that
 * leaves the job undone, and so the calibration session can tell a cancel from a failure.
 */
public final class CalibrationCancelled extends CalibrationException {
    public CalibrationCancelled(String message) {
        super(message);
    }
}
