package io.openkws.cli;

import static io.openkws.ui.HumanNumbers.unsignedZero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Frames;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.io.serial.SerialBl0942Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.bl0942.Bl0942Chip;
import io.openkws.meter.bl0942.Bl0942Profile;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.meter.MeterException;
import io.openkws.meter.RawValues;
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
 * {@code openkws read}: bring-up of a metering chip (HT7017, or BL0942 with {@code --chip bl0942}) on a serial
 * port: probe, initialise with a calibration profile and print readings, as text or as one JSON object a line
 * (raw registers by datasheet name plus calibrated values).
 *
 * <p>Exists so a person wiring a Pi to the board can check the UART link and the scales before anything else
 * runs, and so tools can consume the same readings as JSON.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Probe a metering chip (HT7017 or BL0942) on a serial port and print readings.")
public final class ReadCommand implements Callable<Integer> {

    static final String DEFAULT_CALIBRATION = "hardware/kws302wf/calibration.yaml";
    static final String DEFAULT_BL0942_CALIBRATION = "hardware/bl0942-generic/calibration.yaml";

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

    @Option(names = "--calibration", paramLabel = "FILE", description = "Calibration profile (default: " + DEFAULT_CALIBRATION
            + ", or " + DEFAULT_BL0942_CALIBRATION + " for the BL0942, in the openkws directory).")
    Path calibration;

    @Option(names = "--chip", paramLabel = "CHIP", defaultValue = "ht7017", description = "Metering chip: ht7017 or bl0942 (default: ${DEFAULT-VALUE}).")
    String chip;

    @Option(names = "--baud", paramLabel = "RATE", description = "BL0942 bit rate: 4800 (default), 9600, 19200 or 38400.")
    Integer baud;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0) {
            throw new UserError("--count must be >= 0, not " + count);
        }
        if (!(intervalSeconds >= 0 && intervalSeconds <= 86400)) {
            throw new UserError("--interval must be within 0..86400 seconds, not " + intervalSeconds);
        }
        return switch (chip.toLowerCase(Locale.ROOT)) {
            case "ht7017" -> {
                if (baud != null && baud != 4800) {
                    throw new UserError("--baud: the HT7017 talks at 4800 baud only");
                }
                yield readHt7017();
            }
            case "bl0942" -> readBl0942();
            default -> throw new UserError("--chip must be ht7017 or bl0942, not '" + chip + "'");
        };
    }

    private int readHt7017() throws InterruptedException {
        CalibrationProfile profile = CalibrationProfile.load(calibration != null ? calibration : projectHome().resolve(DEFAULT_CALIBRATION));
        Clock clock = SystemClock.instance();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SerialHt7017Link link = SerialHt7017Link.open(port, clock)) {
            Ht7017Driver driver = new Ht7017Driver(link, clock);
            Meter meter = new Meter(new Ht7017Chip(driver, profile, clock), clock);
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
            printReadings(meter, clock, out);
        }
        return 0;
    }

    private int readBl0942() throws InterruptedException {
        int rate = baud != null ? baud : Bl0942Frames.DEFAULT_BAUD;
        if (rate != 4800 && rate != 9600 && rate != 19200 && rate != 38400) {
            throw new UserError("--baud must be 4800, 9600, 19200 or 38400 for the BL0942, not " + rate);
        }
        Bl0942Profile profile = Bl0942Profile.load(calibration != null ? calibration : projectHome().resolve(DEFAULT_BL0942_CALIBRATION));
        Clock clock = SystemClock.instance();
        PrintWriter out = spec.commandLine().getOut();
        try (SerialBl0942Link link = SerialBl0942Link.open(port, rate, clock)) {
            Bl0942Driver driver = new Bl0942Driver(link, clock, rate, Bl0942Driver.Options.defaults());
            Meter meter = new Meter(new Bl0942Chip(driver, profile, clock), clock);
            int mode;
            try {
                mode = driver.probe();
            } catch (Bl0942Exception e) {
                throw new UserError("no BL0942 answered on " + port + " at " + rate + " baud");
            }
            if (!json) {
                out.printf(Locale.ROOT, "BL0942 on %s at %d baud (MODE 0x%03X), calibration %s%n", port, rate, mode, profile.name());
                out.flush();
            }
            printReadings(meter, clock, out);
        }
        return 0;
    }

    private void printReadings(Meter meter, Clock clock, PrintWriter out) throws InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
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
        } catch (MeterException e) {
            throw new UserError(meter.chip().name() + " on " + port + " stopped answering: " + e.getMessage());
        }
    }

    static String toJson(ObjectMapper mapper, Reading r, long startNanos) {
        RawValues raw = r.raw();
        Map<String, Object> rawMap = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            rawMap.put(raw.name(i), raw.value(i));
        }
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
