package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's live side in virtual time: the bounded ring, trip counts, periodic pushes and slow pages. */
class EventHubTest {

    private final VirtualClock clock = new VirtualClock();
    private final FakeDeviceService service = new FakeDeviceService();

    private static void settle() throws InterruptedException {
        Thread.sleep(50);
    }

    @Test
    void the_ring_keeps_the_latest_500_lines_and_trips_are_counted() throws Exception {
        try (EventHub hub = new EventHub(service, clock)) {
            for (int i = 1; i <= 600; i++) {
                service.emit(new Event.Relay(i * 1_000_000L, i % 2 == 0, Cause.COMMAND));
            }
            service.trip(Fault.OCP, 20, 16);
            service.trip(Fault.OCP, 21, 16);
            waitUntil(() -> hub.trips(Fault.OCP) == 2);
            List<String> lines = hub.recentEvents();
            assertEquals(EventHub.RING_EVENTS, lines.size());
            assertEquals("{\"t\":0.103,\"type\":\"relay\",\"state\":\"off\",\"cause\":\"command\"}", lines.getFirst());
            assertEquals(0, hub.trips(Fault.OVP));
        }
    }

    @Test
    void an_open_page_gets_the_state_every_second_and_power_is_sampled_every_ten() throws Exception {
        try (EventHub hub = new EventHub(service, clock)) {
            EventHub.Client page = hub.open();
            List<String> first = drain(page);
            assertTrue(first.get(0).startsWith("retry: 2000"));
            assertTrue(first.get(1).startsWith("event: history\ndata: []"));
            assertTrue(first.get(2).startsWith("event: state\n"));
            assertTrue(first.get(3).startsWith("event: glass\n"));
            clock.advanceTo(1_000_000_000L);
            List<String> second = drain(page);
            assertEquals(1, second.stream().filter(m -> m.startsWith("event: state")).count(), second.toString());
            clock.advanceTo(60_000_000_000L);
            assertEquals(6, hub.powerSamples().size());
            assertEquals(60, hub.powerSamples().get(0).get(0).asLong(), "seconds ago (first sample on the first tick)");
        }
    }

    @Test
    void a_page_that_stops_reading_is_cut_off_instead_of_holding_anything_up() throws Exception {
        try (EventHub hub = new EventHub(service, clock)) {
            EventHub.Client stuck = hub.open();
            for (int i = 0; i < 400; i++) {
                service.emit(new Event.Relay(i, true, Cause.COMMAND));
            }
            waitUntil(() -> hub.clientCount() == 0);
            assertTrue(stuck.overflowed);
            assertEquals(List.of(EventHub.END), new ArrayList<>(stuck.queue));
        }
    }

    private static List<String> drain(EventHub.Client c) {
        List<String> out = new ArrayList<>();
        c.queue.drainTo(out);
        return out;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            settle();
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
