package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.testing.RunProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code run} process when its control cycle throws (a simulated driver bug, board file
 * {@code simulation.loopFailureAfter}): the relay is driven OFF, one clear error line is logged, and the process
 * exits non-zero so systemd restarts it.
 */
class RunFailSafeProcessTest {

    @TempDir
    Path dir;

    @Test
    void a_control_cycle_that_throws_opens_the_relay_logs_one_line_and_exits_non_zero() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path board = Files.createDirectories(dir.resolve("sim-failing"));
        copyTree(home.resolve("hardware/kws302wf"), dir.resolve("kws302wf"));
        String yaml = Files.readString(home.resolve("hardware/sim/board.yaml"))
                .replace("relayInitiallyClosed: true", "relayInitiallyClosed: true\n  loopFailureAfter: 2.0");
        Files.writeString(board.resolve("board.yaml"), yaml);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                board: %s
                protection:
                  recoveryDelay: 0.5
                relay:
                  powerOnState: on
                mqtt:
                  url: tcp://127.0.0.1:9
                state: %s
                """.formatted(board, dir.resolve("state")));
        Path log = dir.resolve("run.log");
        Process app = RunProcess.start(config, home, 64, log);
        try {
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the process ends by itself");
            String output = Files.readString(log);
            assertEquals(70, app.exitValue(), "exit status after a protection failure\n" + output);
            List<String> errors = output.lines().filter(l -> l.contains("protection stopped")).toList();
            assertEquals(1, errors.size(), "one error line\n" + output);
            assertTrue(errors.getFirst().contains("simulated driver bug"), errors.getFirst());
            assertTrue(errors.getFirst().contains("relay driven OFF"), errors.getFirst());
            assertFalse(output.contains("\tat "), "no stack trace\n" + output);
            assertTrue(output.contains("\"state\":\"on\",\"cause\":\"power-on\""), "the relay had closed\n" + output);
        } finally {
            app.destroyForcibly();
        }
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
