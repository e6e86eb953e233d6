package io.openkws.io.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.yaml.ConfNode;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.driver.relay.RelayListener;
import io.openkws.driver.relay.RelayTiming;
import io.openkws.io.gpio.FakeGpio.Edge;
import io.openkws.time.SystemClock;
import io.openkws.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The latching relay driven through Pi4J (fake providers) on the KWS-302WF board's pins. */
class GpioRelayTest {

    private static final long MS = 1_000_000L;
    private static final int ON = 24;
    private static final int OFF = 25;

    private final VirtualClock clock = new VirtualClock();
    private final List<String> pulses = new ArrayList<>();
    private FakeGpio gpio;
    private LatchingRelay relay;

    @BeforeEach
    void setUp() {
        gpio = new FakeGpio(clock);
        gpio.interlock(ON, OFF);
        GpioBoard board = new GpioBoard(gpio.context, BoardSpec.load("hardware/kws302wf"));
        relay = board.relay(clock);
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                pulses.add((closing ? "on@" : "off@") + nanos / MS);
            }
        });
    }

    @AfterEach
    void tearDown() {
        relay.close();
        gpio.context.shutdown();
    }

    private List<Edge> highs(int bcm) {
        return gpio.edges(bcm).stream().filter(Edge::high).toList();
    }

    private List<Long> pulseTimesMs(int bcm) {
        List<Long> times = new ArrayList<>();
        for (Edge e : gpio.edges(bcm)) {
            times.add(e.nanos() / MS * (e.high() ? 1 : -1));
        }
        return times;
    }

    @Test
    void startup_pulses_the_off_coil_for_the_board_pulse_width_and_leaves_the_on_coil_alone() {
        assertFalse(gpio.level(ON));
        assertFalse(gpio.level(OFF));
        relay.startup();
        assertEquals(LatchingRelay.Contacts.UNKNOWN, relay.contacts());
        clock.advanceTo(2000 * MS);
        assertEquals(List.of(new Edge(OFF, false, 0), new Edge(OFF, true, 0), new Edge(OFF, false, 100 * MS)), gpio.edges(OFF));
        assertTrue(highs(ON).isEmpty());
        assertEquals(LatchingRelay.Contacts.OPEN, relay.contacts());
        assertEquals(List.of("off@0"), pulses);
    }

    @Test
    void a_close_pulses_the_on_coil_for_exactly_the_pulse_width() {
        relay.startup();
        clock.advanceTo(2000 * MS);
        relay.set(true);
        assertTrue(gpio.level(ON));
        assertTrue(relay.isPulsing());
        clock.advanceTo(2099 * MS);
        assertTrue(gpio.level(ON));
        clock.advanceTo(2100 * MS);
        assertFalse(gpio.level(ON));
        assertTrue(relay.isClosed());
        assertEquals(List.of(new Edge(ON, true, 2000 * MS), new Edge(ON, false, 2100 * MS)),
                gpio.edges(ON).stream().filter(e -> e.nanos() > 0).toList());
    }

    @Test
    void a_close_waits_for_the_minimum_interval_but_an_open_only_waits_for_the_running_close_pulse() {
        relay.startup();
        clock.advanceTo(300 * MS);
        relay.set(true);
        assertTrue(relay.isPending());
        assertEquals(OptionalLong.of(1000 * MS), relay.delayedUntilNanos());
        assertFalse(gpio.level(ON));
        clock.advanceTo(1050 * MS);
        assertTrue(gpio.level(ON), "the close starts when the interval since the startup pulse has passed");
        relay.set(false);
        assertFalse(gpio.level(OFF), "never both coils");
        clock.advanceTo(1100 * MS);
        assertTrue(gpio.level(OFF), "the open starts the moment the close pulse ends, not after the interval");
        clock.advanceTo(1250 * MS);
        relay.set(true);
        clock.advanceTo(3000 * MS);
        assertEquals(List.of(0L, -100L, 1000L, -1100L, 1100L, -1200L, 2100L, -2200L),
                merged(), "pulse starts: off 0, on 1000, off 1100, on 2100 (1 s after the open)");
        assertEquals(List.of("off@0", "on@1000", "off@1100", "on@2100"), pulses);
        assertEquals(0, gpio.interlockViolations());
    }

    private List<Long> merged() {
        List<Long> times = new ArrayList<>();
        for (Edge e : gpio.edges()) {
            if ((e.bcm() == ON || e.bcm() == OFF) && (e.nanos() > 0 || e.high())) {
                times.add(e.nanos() / MS * (e.high() ? 1 : -1));
            }
        }
        return times;
    }

    @Test
    void an_open_is_never_delayed_by_the_minimum_interval() {
        relay.startup();
        clock.advanceTo(1000 * MS);
        relay.set(true);
        clock.advanceTo(1150 * MS);
        relay.set(false);
        assertTrue(gpio.level(OFF), "open at once, 150 ms after the previous close started");
        clock.advanceTo(3000 * MS);
        assertEquals(List.of(1150L, -1250L), pulseTimesMs(OFF).subList(3, 5));
    }

    @Test
    void repeated_and_cancelled_commands_do_not_queue_pulses() {
        relay.startup();
        clock.advanceTo(200 * MS);
        relay.set(false);
        relay.set(true);
        relay.set(false);
        clock.advanceTo(5000 * MS);
        assertEquals(1, highs(OFF).size());
        assertTrue(highs(ON).isEmpty());
        assertFalse(relay.isPending());
    }

    @Test
    void close_drives_both_coils_low_and_never_moves_the_contacts() {
        relay.startup();
        clock.advanceTo(300 * MS);
        relay.set(true);
        relay.close();
        clock.advanceTo(5000 * MS);
        assertTrue(highs(ON).isEmpty(), "the delayed close never happens");
        assertEquals(LatchingRelay.Contacts.OPEN, relay.contacts());
        relay.set(true);
        clock.advanceTo(9000 * MS);
        assertTrue(highs(ON).isEmpty(), "commands after close are ignored");
        assertFalse(gpio.level(ON));
        assertFalse(gpio.level(OFF));
    }

    @Test
    void close_during_a_pulse_cuts_it_and_forgets_the_contact_state() {
        relay.startup();
        clock.advanceTo(40 * MS);
        relay.close();
        assertFalse(gpio.level(OFF));
        assertEquals(LatchingRelay.Contacts.UNKNOWN, relay.contacts());
        clock.advanceTo(500 * MS);
        assertEquals(List.of(new Edge(OFF, false, 0), new Edge(OFF, true, 0), new Edge(OFF, false, 40 * MS)), gpio.edges(OFF));
    }

    @Test
    void coils_driven_active_low_idle_high_and_pulse_low(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("hardware/kws302wf/board.yaml")).replace("coilActive: high", "coilActive: low");
        FakeGpio g = new FakeGpio(clock);
        try {
            BoardSpec spec = BoardSpec.parse(ConfNode.parse("board.yaml", text), "inverted", dir);
            LatchingRelay r = new GpioBoard(g.context, spec).relay(clock);
            assertTrue(g.level(ON));
            assertTrue(g.level(OFF));
            r.startup();
            assertFalse(g.level(OFF));
            assertTrue(g.level(ON));
            clock.advanceTo(100 * MS);
            assertTrue(g.level(OFF));
            r.close();
        } finally {
            g.context.shutdown();
        }
    }

    @Test
    void concurrent_commands_from_several_threads_never_energise_both_coils() throws Exception {
        FakeGpio g = new FakeGpio(SystemClock.instance());
        g.interlock(ON, OFF);
        BoardSpec spec = BoardSpec.load("hardware/kws302wf");
        GpioBoard board = new GpioBoard(g.context, spec);
        RelayTiming fast = new RelayTiming(2 * MS, 3 * MS);
        long t0 = SystemClock.instance().nanoTime();
        LatchingRelay r = new LatchingRelay(board.relayOnCoil(), board.relayOffCoil(), fast, SystemClock.instance());
        List<long[]> starts = java.util.Collections.synchronizedList(new ArrayList<>());
        r.addListener((closing, nanos) -> starts.add(new long[] {closing ? 1 : 0, nanos}));
        r.startup();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long deadline = System.nanoTime() + 300 * MS;
        for (int i = 0; i < threads; i++) {
            long seed = i;
            Thread t = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    start.await();
                    while (System.nanoTime() < deadline) {
                        r.set(random.nextBoolean());
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        start.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        r.set(false);
        long settle = System.nanoTime() + 2_000 * MS;
        while (r.isPending() && System.nanoTime() < settle) {
            Thread.sleep(5);
        }
        assertFalse(r.isPending());
        r.close();
        g.context.shutdown();

        assertEquals(0, g.interlockViolations());
        List<Edge> coilEdges = g.edges().stream().filter(e -> e.bcm() == ON || e.bcm() == OFF).filter(e -> e.nanos() >= t0).toList();
        for (int i = 0; i < coilEdges.size(); i += 2) {
            Edge rise = coilEdges.get(i);
            Edge fall = coilEdges.get(i + 1);
            assertTrue(rise.high() && !fall.high() && rise.bcm() == fall.bcm(),
                    "each pulse ends before the next starts: " + rise + " " + fall);
        }
        assertEquals(starts.size() * 2, coilEdges.size(), "one rise and one fall per reported pulse");
        assertTrue(starts.size() > 2, "the threads did move the relay (" + starts.size() + " pulses)");
        for (int i = 1; i < starts.size(); i++) {
            long gap = starts.get(i)[1] - starts.get(i - 1)[1];
            assertTrue(gap >= fast.pulseNanos(), "a pulse starts only after the previous one ended");
            if (starts.get(i)[0] == 1) {
                assertTrue(gap >= fast.minIntervalNanos(), "a close respects the minimum interval");
            }
        }
        assertFalse(g.level(ON));
        assertFalse(g.level(OFF));
    }
}
