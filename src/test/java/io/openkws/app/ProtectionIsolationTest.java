package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.driver.relay.RelayListener;
import io.openkws.protect.Event;
import io.openkws.service.DeviceEvent;
import io.openkws.time.SystemClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Protection first, on the device as {@code run} assembles it (real threads, wall clock, simulated board): a part
 * that is not protection throws or hangs while the mains goes over-voltage, and the OFF pulse still starts in the
 * cycle that saw the over-voltage (the relay event is stamped within {@link #MAX_LAG_NANOS} of the trip), and protection
 * keeps working afterwards (a second over-voltage trips too).
 */
class ProtectionIsolationTest {

    /** What misbehaves. */
    enum Misbehaviour {
        NONE, EVENT_LISTENER_THROWS, FRONT_END_PUBLISH_THROWS_AN_ERROR, LCD_FLUSH_THROWS, PANEL_HANGS,
        RELAY_LISTENER_THROWS, SLOW_LISTENER_TWO_SECONDS
    }

    /**
     * The OFF pulse must start within this of the trip's cycle time: far under any delay a misbehaving part could
     * add (a 200 ms listener, a 2 s listener, a hung panel). Typically it is well under a millisecond; the slack is a
     * cold JVM's class loading and the scheduler of a busy 2-core CI machine preempting the control thread.
     */
    private static final long MAX_LAG_NANOS = 60_000_000L;

    @TempDir
    Path state;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Misbehaviour.class)
    void a_misbehaving_part_that_is_not_protection_never_delays_the_off_pulse(Misbehaviour fault) throws Exception {
        Config config = Config.parse("test.yaml", """
                board: sim
                protection:
                  overVoltage: { limit: 250.0, tripDelay: 0.0, hysteresis: 5.0 }
                  recoveryDelay: 0.3
                relay:
                  powerOnState: on
                mqtt:
                  url: tcp://127.0.0.1:9
                state: %s
                """.formatted(state.toString().replace("\\", "/")));
        Device device = Device.build(config, SystemClock.instance());
        List<Event> events = new CopyOnWriteArrayList<>();
        device.service().subscribe(Executors.newSingleThreadExecutor(), e -> {
            if (e instanceof DeviceEvent.Logged(Event event)) {
                events.add(event);
            }
        });
        BoardParts.Simulation sim = device.parts().simulation().orElseThrow();
        List<Runnable> undo = new ArrayList<>();
        switch (fault) {
            case NONE -> {
            }
            case EVENT_LISTENER_THROWS -> device.service().subscribe(Runnable::run, e -> {
                throw new IllegalStateException("listener bug");
            });
            case FRONT_END_PUBLISH_THROWS_AN_ERROR -> device.service().subscribe(Runnable::run, e -> {
                throw new AssertionError("publish failed");
            });
            case LCD_FLUSH_THROWS -> {
                sim.board().tm1622Wr().setFailing(true);
                undo.add(() -> sim.board().tm1622Wr().setFailing(false));
            }
            case PANEL_HANGS -> {
                Thread holder = new Thread(() -> {
                    synchronized (device.panel()) {
                        sleep(4000);
                    }
                });
                holder.setDaemon(true);
                holder.start();
            }
            case RELAY_LISTENER_THROWS -> device.parts().relay().addListener(new RelayListener() {
                @Override
                public void onPulseStart(boolean closing, long nanos) {
                    throw new IllegalStateException("relay listener bug");
                }
            });
            case SLOW_LISTENER_TWO_SECONDS -> device.service().subscribe(Runnable::run, slow());
        }
        device.start();
        try {
            waitFor(() -> device.parts().relay().isClosed(), 5000, "the relay closes after power-on");
            sim.chip().setVoltageV(262.0);
            waitFor(() -> tripAndOff(events, 1), 10000, "an OVP trip and the OFF pulse");
            waitFor(() -> !device.parts().relay().isClosed() && !device.parts().relay().isPulsing(), 5000,
                    "the OFF pulse ends");
            sim.chip().setVoltageV(230.0);
            waitFor(() -> device.parts().relay().isClosed(), 5000, "the relay restores");
            sim.chip().setVoltageV(265.0);
            waitFor(() -> tripAndOff(events, 2), 10000, "a second OVP trip");
            assertFalse(device.failed(), "the control loop is still running");
            for (int n = 1; n <= 2; n++) {
                Event trip = nth(events, Event.Trip.class, n);
                Event off = relayOffAfter(events, trip);
                long lagNanos = off.tNanos() - trip.tNanos();
                assertTrue(lagNanos >= 0 && lagNanos <= MAX_LAG_NANOS,
                        "trip " + n + ": the OFF pulse started " + lagNanos / 1e6 + " ms after the trip");
            }
            assertTrue(sim.board().relay().operations() >= 4);
            assertEquals(0, sim.board().relay().faultCount(), "both coils were never energised together");
        } finally {
            undo.forEach(Runnable::run);
            device.close();
        }
    }

    /** A listener that takes 2 s over every trip it hears of. */
    private static Consumer<DeviceEvent> slow() {
        return e -> {
            if (e instanceof DeviceEvent.Logged(Event.Trip t)) {
                sleep(2000);
            }
        };
    }

    private static boolean tripAndOff(List<Event> events, int n) {
        try {
            Event trip = nth(events, Event.Trip.class, n);
            return relayOffAfter(events, trip) != null;
        } catch (AssertionError e) {
            return false;
        }
    }

    private static Event nth(List<Event> events, Class<?> type, int n) {
        int seen = 0;
        for (Event e : events) {
            if (type.isInstance(e) && ++seen == n) {
                return e;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " #" + n + " in " + events);
    }

    private static Event relayOffAfter(List<Event> events, Event trip) {
        boolean after = false;
        for (Event e : events) {
            if (e == trip) {
                after = true;
            } else if (after && e instanceof Event.Relay r && !r.on()) {
                return e;
            }
        }
        throw new AssertionError("no relay off after " + io.openkws.service.EventJson.line(trip) + " in " + events);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis, String what) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
