package io.openkws.cli;

import static io.openkws.ui.HumanNumbers.unsignedZero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.UserError;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.RawRegisters;
import io.openkws.meter.Reading;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openkws read}: bring-up of an HT7017 on a serial port: probe, initialise with a calibration profile and
 * print readings, as text or as one JSON object a line (raw registers by fact-sheet name plus calibrated values).
 *
 * <p>Exists so a person wiring a Pi to the board can check the UART link and the scales before anything else
 * runs, and so tools can consume the same readings as JSON.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Probe an HT7017 on a serial port and print readings.")
public final class ReadCommand implements Callable<Integer> {

    static final String DEFAULT_CALIBRATION = "hardware/kws302wf/calibration.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "Serial port, e.g. /dev/ttyAMA0 or /dev/serial0.")
    String port;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Readings to print; 0 = until interrupted (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1.0", description = "Seconds between readings (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--json", description = "One JSON object a line: raw registers and calibrated values.")
    boolean json;

    @Option(names = "--calibration", paramLabel = "FILE", description = "Calibration profile (default: " + DEFAULT_CALIBRATION + " in the openkws directory).")
    Path calibration;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0) {
            throw new UserError("--count must be >= 0, not " + count);
        }
        if (!(intervalSeconds >= 0 && intervalSeconds <= 86400)) {
            throw new UserError("--interval must be within 0..86400 seconds, not " + intervalSeconds);
        }
        CalibrationProfile profile = CalibrationProfile.load(calibration != null ? calibration : projectHome().resolve(DEFAULT_CALIBRATION));
        Clock clock = SystemClock.instance();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        try (SerialHt7017Link link = SerialHt7017Link.open(port, clock)) {
            Ht7017Driver driver = new Ht7017Driver(link, clock);
            Meter meter = new Meter(driver, profile, clock);
            int deviceId;
            try {
                deviceId = driver.probe();
            } catch (Ht7017Exception e) {
                throw new UserError("no HT7017 answered on " + port);
            }
            if (!Ht7017Driver.knownDevice(deviceId)) {
                err.printf(Locale.ROOT, "openkws: warning: unknown HT7017 DeviceID 0x%06X on %s (expected 0x705304 or 0x705321)%n", deviceId, port);
                err.flush();
            }
            if (!json) {
                out.printf(Locale.ROOT, "HT7017 DeviceID 0x%06X on %s, calibration %s%n", deviceId, port, profile.name());
                out.flush();
            }
            try {
                meter.start();
                long start = clock.nanoTime();
                for (int i = 0; count == 0 || i < count; i++) {
                    if (i > 0) {
                        clock.sleepNanos(Clock.secondsToNanos(intervalSeconds));
                    }
                    Reading r = meter.pollFull();
                    out.println(json ? toJson(mapper, r, start) : toText(r, start));
                    out.flush();
                }
            } catch (Ht7017Exception e) {
                throw new UserError("HT7017 on " + port + " stopped answering: " + e.getMessage());
            }
        }
        return 0;
    }

    static String toJson(ObjectMapper mapper, Reading r, long startNanos) {
        RawRegisters raw = r.raw();
        Map<String, Object> rawMap = new LinkedHashMap<>();
        rawMap.put("Rms_U", raw.rmsU());
        rawMap.put("Rms_I1", raw.rmsI1());
        rawMap.put("PowerP1", raw.powerP1());
        rawMap.put("PowerQ1", raw.powerQ1());
        rawMap.put("PowerS", raw.powerS());
        rawMap.put("Freq_U", raw.freqU());
        rawMap.put("EnergyP", raw.energyP());
        rawMap.put("EMUSR", raw.emusr());
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("t", round((r.timestampNanos() - startNanos) / 1e9, 3));
        obj.put("raw", rawMap);
        obj.put("voltage", round(r.voltageV(), 3));
        obj.put("current", round(r.currentA(), 4));
        obj.put("power", round(r.powerW(), 2));
        obj.put("apparentPower", round(r.apparentPowerVA(), 2));
        obj.put("reactivePower", round(r.reactivePowerVar(), 2));
        obj.put("powerFactor", round(r.powerFactor(), 4));
        obj.put("frequency", round(r.frequencyHz(), 3));
        obj.put("energy", round(r.energyKWh(), 6));
        try {
            return mapper.writeValueAsString(obj);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String toText(Reading r, long startNanos) {
        return String.format(Locale.ROOT,
                "%8.3f s  %7.2f V  %7.3f A  %8.1f W  %8.1f VA  %8.1f var  PF %5.3f  %6.2f Hz  %.4f kWh",
                (r.timestampNanos() - startNanos) / 1e9, r.voltageV(), unsignedZero(r.currentA(), 3),
                unsignedZero(r.powerW(), 1), unsignedZero(r.apparentPowerVA(), 1), unsignedZero(r.reactivePowerVar(), 1),
                unsignedZero(r.powerFactor(), 3), r.frequencyHz(), unsignedZero(r.energyKWh(), 4));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** The openkws directory: the launcher's {@code openkws.home}, else the working directory. */
    static Path projectHome() {
        String home = System.getProperty("openkws.home");
        return Path.of(home != null && !home.isBlank() ? home : "").toAbsolutePath();
    }
}
