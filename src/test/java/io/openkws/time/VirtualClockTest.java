package io.openkws.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void tasks_run_in_due_order_at_their_own_time_while_sleeping() {
        VirtualClock clock = new VirtualClock();
        List<String> ran = new ArrayList<>();
        clock.schedule(300, () -> ran.add("b@" + clock.nanoTime()));
        clock.schedule(100, () -> ran.add("a@" + clock.nanoTime()));
        Clock.Timer cancelled = clock.schedule(200, () -> ran.add("never"));
        cancelled.cancel();
        clock.sleepNanos(1000);
        assertEquals(List.of("a@100", "b@300"), ran);
        assertEquals(1000, clock.nanoTime());
    }

    @Test
    void the_next_due_time_skips_cancelled_tasks() {
        VirtualClock clock = new VirtualClock();
        assertEquals(Long.MAX_VALUE, clock.nextDueNanos());
        Clock.Timer first = clock.schedule(100, () -> { });
        clock.schedule(300, () -> { });
        assertEquals(100, clock.nextDueNanos());
        first.cancel();
        assertEquals(300, clock.nextDueNanos());
    }
}
