package io.openkws.driver.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.io.sim.board.SimBoard;
import io.openkws.io.sim.board.SimLatchingRelay;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay driver's fail-safe behaviour: listeners outside its lock, coil failures reported, forced openings. */
class LatchingRelayFailSafeTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final SimBoard board = new SimBoard(BoardSpec.load("sim"), clock);
    private final SimLatchingRelay contacts = board.relay();
    private final LatchingRelay relay = board.relayDriver(clock);

    @Test
    void listeners_run_after_the_lock_is_released_so_another_thread_can_command_the_relay_meanwhile() throws Exception {
        CountDownLatch otherDone = new CountDownLatch(1);
        List<Boolean> sawOtherFinish = new ArrayList<>();
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                if (!closing) {
                    Thread other = new Thread(() -> {
                        relay.isClosed();
                        otherDone.countDown();
                    });
                    other.start();
                    try {
                        sawOtherFinish.add(otherDone.await(2, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        relay.startup();
        assertEquals(List.of(true), sawOtherFinish, "another thread got the relay's lock during the listener");
    }

    @Test
    void a_pulse_end_seen_by_another_thread_while_a_listener_runs_is_still_told_after_the_pulse_start() throws Exception {
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                Thread timer = new Thread(() -> clock.advanceTo(200 * MS));
                timer.start();
                try {
                    timer.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                told.add("start");
            }

            @Override
            public void onPulseEnd(boolean closing, long nanos) {
                told.add("end");
            }
        });
        relay.startup();
        assertFalse(relay.isPulsing(), "the other thread ended the pulse while the listener ran");
        assertEquals(List.of("start", "end"), told, "listeners hear a pulse's start before its end");
    }

    @Test
    void a_listener_that_throws_neither_stops_the_pulse_nor_the_other_listeners() {
        List<String> seen = new ArrayList<>();
        relay.addListener((closing, nanos) -> {
            throw new IllegalStateException("bug");
        });
        relay.addListener((closing, nanos) -> seen.add(closing ? "on" : "off"));
        relay.startup();
        clock.advanceTo(200 * MS);
        assertFalse(contacts.isClosed());
        assertEquals(List.of("off"), seen);
        assertEquals(1, relay.listenerFailures());
    }

    @Test
    void a_coil_write_that_fails_is_reported_to_listeners_and_the_contacts_become_unknown() {
        List<String> failures = new ArrayList<>();
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
            }

            @Override
            public void onCoilFailure(boolean closing, long nanos, RuntimeException cause) {
                failures.add((closing ? "on" : "off") + ": " + cause.getMessage());
            }
        });
        relay.startup();
        clock.advanceTo(2000 * MS);
        relay.set(true);
        clock.advanceTo(4000 * MS);
        assertTrue(contacts.isClosed());
        contacts.failNextCoilWrite();
        relay.set(false);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().startsWith("off: "), failures.toString());
        assertEquals(LatchingRelay.Contacts.UNKNOWN, relay.contacts());
        assertTrue(contacts.isClosed(), "the failed pulse moved nothing");
        relay.reassertOpen();
        clock.advanceTo(4200 * MS);
        assertFalse(contacts.isClosed(), "the retried OFF pulse opened the contacts");
        assertEquals(LatchingRelay.Contacts.OPEN, relay.contacts());
        assertEquals(0, contacts.faultCount());
    }

    @Test
    void reassert_open_pulses_the_off_coil_even_when_the_contacts_are_believed_open() {
        relay.startup();
        clock.advanceTo(2000 * MS);
        relay.set(true);
        clock.advanceTo(4000 * MS);
        contacts.setWelded(true);
        relay.set(false);
        clock.advanceTo(4200 * MS);
        assertEquals(LatchingRelay.Contacts.OPEN, relay.contacts(), "the driver believes the contacts opened");
        assertTrue(contacts.isClosed(), "but they are welded");
        contacts.setWelded(false);
        relay.reassertOpen();
        clock.advanceTo(4400 * MS);
        assertFalse(contacts.isClosed());
    }

    @Test
    void emergency_open_pulses_off_and_ignores_every_later_command() {
        relay.startup();
        clock.advanceTo(2000 * MS);
        relay.set(true);
        clock.advanceTo(4000 * MS);
        assertTrue(contacts.isClosed());
        relay.emergencyOpen();
        clock.advanceTo(4200 * MS);
        assertFalse(contacts.isClosed());
        relay.set(true);
        clock.advanceTo(8000 * MS);
        assertFalse(contacts.isClosed(), "commands after an emergency opening are ignored");
        assertEquals(0, contacts.faultCount());
    }
}
