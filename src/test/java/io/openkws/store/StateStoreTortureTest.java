package io.openkws.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that saves state in a tight loop (SIGKILL) at random points, 200 times, and checks that the
 * state always loads, never goes backwards and loses at most the save in progress.
 */
class StateStoreTortureTest {

    private static final int KILLS = 200;

    @Test
    void state_survives_two_hundred_sigkills_at_random_points(@TempDir Path dir) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Random random = new Random(20261121);
        LocalDate day = LocalDate.of(2026, 1, 1);
        long previous = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classPath, StoreTortureChild.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            long lastConfirmed = -1;
            int linesBeforeKill = 1 + random.nextInt(40);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int line = 0; line < linesBeforeKill; line++) {
                    String text = out.readLine();
                    if (text == null || !text.startsWith("saved ")) {
                        throw new AssertionError("child failed: " + text);
                    }
                    lastConfirmed = Long.parseLong(text.substring(6));
                }
                if (random.nextBoolean()) {
                    Thread.onSpinWait();
                    TimeUnit.MICROSECONDS.sleep(random.nextInt(3000));
                }
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            StateStore.Loaded loaded = new StateStore(dir).load(day);
            long runTime = loaded.state().runTimeSeconds();
            assertEquals(List.of(), loaded.warnings(), "kill " + kill);
            assertTrue(runTime >= lastConfirmed, "kill " + kill + ": lost a confirmed save: " + runTime + " < " + lastConfirmed);
            assertTrue(runTime >= previous, "kill " + kill + ": went backwards: " + runTime + " < " + previous);
            assertEquals(runTime * 0.001, loaded.state().energyKWh(), 1e-6, "kill " + kill);
            previous = runTime;
        }
    }
}
