package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.app.StartupException;
import io.openkws.bench.BenchSetupException;
import io.openkws.yaml.ConfigException;
import io.openkws.decode.CaptureException;
import io.openkws.export.mqtt.MqttSetupException;
import io.openkws.io.gpio.GpioException;
import io.openkws.io.serial.SerialPortException;
import io.openkws.meter.calibration.CalibrationCancelled;
import io.openkws.meter.calibration.CalibrationException;
import io.openkws.ui.DisplayTextException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every layer's domain exception for a user mistake reaches the user as the command line's one line and exit 2,
 * exactly as {@code UserError} did before the layers got their own types; a bug still gets a stack trace.
 */
class UserMistakesTest {

    private static final List<Function<String, RuntimeException>> DOMAIN_EXCEPTIONS = List.of(
            UserError::new, ConfigException::new, CaptureException::new, CalibrationException::new,
            CalibrationCancelled::new, SerialPortException::new, GpioException::new, DisplayTextException::new,
            StartupException::new, MqttSetupException::new, BenchSetupException::new);

    @Command(name = "throws")
    static final class Throws implements Runnable {
        static RuntimeException next;

        @Override
        public void run() {
            throw next;
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(RuntimeException e) {
        Throws.next = e;
        CommandLine cli = Main.commandLine();
        cli.addSubcommand(new Throws());
        cli.setErr(new PrintWriter(err));
        return cli.execute("throws");
    }

    @Test
    void every_domain_exception_of_a_user_mistake_prints_its_message_as_one_line_and_exits_2() {
        for (Function<String, RuntimeException> make : DOMAIN_EXCEPTIONS) {
            err.getBuffer().setLength(0);
            RuntimeException e = make.apply("x.csv:3: level must be 0 or 1, got '2'");
            assertEquals(Main.EXIT_USAGE, run(e), e.getClass().getName());
            assertEquals("openkws: x.csv:3: level must be 0 or 1, got '2'" + System.lineSeparator(), err.toString(),
                    e.getClass().getName());
        }
    }

    @Test
    void a_user_mistake_wrapped_in_another_exception_is_still_one_line() {
        assertEquals(Main.EXIT_USAGE, run(new IllegalStateException("wrapper", new SerialPortException(
                "/dev/ttyX: no such serial port"))));
        assertEquals("openkws: /dev/ttyX: no such serial port" + System.lineSeparator(), err.toString());
    }

    @Test
    void a_bug_is_not_a_user_mistake_and_gets_its_stack_trace() {
        assertFalse(Main.isUserMistake(new IllegalStateException("bug")));
        assertEquals(1, run(new IllegalStateException("bug")));
        assertTrue(err.toString().contains("java.lang.IllegalStateException: bug"), err.toString());
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
