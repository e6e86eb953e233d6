package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's Home Assistant energy: {@code energy} is a {@code total_increasing} sensor, so a published total that
 * goes down after a crash is counted again as new consumption. The whole {@code run} process carries 25 A
 * (simulated board, {@code simulation.mainsSteps}) and is SIGKILLed 30 times at random moments on the same state
 * directory: a quarter at a random moment of the first 4 s (start-up, MQTT connection, power-on), the rest while
 * the relay is on, right after or up to 1.5 s after the {@code ok} of a persisting command sent after 1–3.5 s of
 * load (a setting change forces a save of the energy counted so far, so the durable total moves and the check has
 * something to hold). Every {@code energy} published over MQTT, in order of arrival, never decreases.
 */
class RunKillEnergyProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = 30;
    private static final String BASE = "openkws/kill1/";

    @TempDir
    Path dir;

    private final List<Double> energies = new ArrayList<>();
    private final List<String> trail = new ArrayList<>();

    @Test
    void the_published_energy_never_decreases_over_thirty_sigkills_at_random_moments_under_a_25_a_load()
            throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path board = RunChild.simBoard(dir, """
                  mainsSteps:
                    - { at: 0, current: 25 }
                """);
        try (Mosquitto broker = new Mosquitto(false);
             Observer ha = new Observer(broker.url(), "ha-kill", true, BASE + "state", BASE + "result",
                     BASE + "status")) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    board: %s
                    relay: { powerOnState: on }
                    protection: { recoveryDelay: 0.5 }
                    mqtt: { url: %s, deviceId: kill1, interval: 1 }
                    state: %s
                    """.formatted(board, broker.url(), dir.resolve("state")));
            Path log = dir.resolve("run.log");
            for (int i = 0; i < KILLS; i++) {
                Process app = RunChild.start(config, log);
                try {
                    if (i % 4 == 0) {
                        long until = System.nanoTime() + (long) ((0.3 + 3.7 * random.nextDouble()) * 1e9);
                        while (System.nanoTime() < until) {
                            pump(ha, 20);
                        }
                        trail.add("run " + i + ": killed at random during start-up or load");
                    } else {
                        await(ha, r -> r.topic().equals(BASE + "state") && r.payload().contains("\"relay\":\"on\""),
                                "a state with the relay on", app, log, seed);
                        // The chip counts 3 Wh an EnergyP step (2 s at 25 A) and is read every ~1.6 s: load first.
                        pump(ha, 1000 + random.nextInt(2500));
                        ha.publish(BASE + "set/screenTimeout", Integer.toString(5 + i % 2));
                        await(ha, r -> r.topic().equals(BASE + "result") && r.payload().contains("\"ok\":true"),
                                "the setting's ok", app, log, seed);
                        long afterMillis = random.nextInt(3) == 0 ? 0 : random.nextInt(1500);
                        pump(ha, afterMillis);
                        trail.add("run " + i + ": killed " + afterMillis + " ms after an ok");
                    }
                } finally {
                    RunChild.kill(app);
                }
                pump(ha, 300);
            }
        }
        String context = " (seed " + seed + ")\n" + String.join("\n", trail);
        assertTrue(energies.size() >= KILLS, "states seen: " + energies.size() + context);
        for (int i = 1; i < energies.size(); i++) {
            if (energies.get(i) < energies.get(i - 1)) {
                fail("energy went from " + energies.get(i - 1) + " down to " + energies.get(i) + " (state " + i
                        + " of " + energies.size() + ")" + context);
            }
        }
        double grown = energies.getLast() - energies.getFirst();
        assertTrue(grown >= 0.01, "the durable total moved over the kills: " + energies.getFirst() + " → "
                + energies.getLast() + " kWh" + context);
        assertEquals(energies.size(), energies.stream().filter(e -> e >= 0).count());
    }

    /** Receives for {@code millis}, keeping the energy of every state in order of arrival. */
    private List<Observer.Received> pump(Observer ha, long millis) throws Exception {
        List<Observer.Received> received = ha.drain(millis);
        for (Observer.Received r : received) {
            if (r.topic().equals(BASE + "state")) {
                JsonNode state = JSON.readTree(r.payload());
                energies.add(state.path("energy").asDouble(-1));
            }
        }
        return received;
    }

    private void await(Observer ha, Predicate<Observer.Received> test, String what, Process app, Path log, long seed)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Observer.Received r : pump(ha, 20)) {
                if (test.test(r)) {
                    return;
                }
            }
        }
        fail("no " + what + " within 20 s (alive " + app.isAlive() + ", seed " + seed + ")\n" + RunChild.text(log));
    }
}
