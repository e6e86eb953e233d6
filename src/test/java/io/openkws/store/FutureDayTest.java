package io.openkws.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved day after today (clock went back, bad RTC) starts a new day instead of never rolling over. */
class FutureDayTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void a_saved_day_in_the_future_starts_a_new_day_with_a_warning(@TempDir Path dir) throws IOException {
        LocalDate future = TODAY.plusYears(4);
        new StateStore(dir).save(PersistedState.fresh(future).addEnergy(2.5, future).withSetting("overVoltage", "245"));
        StateStore.Loaded loaded = new StateStore(dir).load(TODAY);
        PersistedState s = loaded.state();
        assertEquals(TODAY, s.day());
        assertEquals(0.0, s.energyTodayKWh());
        assertEquals(2.5, s.energyYesterdayKWh());
        assertEquals(2.5, s.energyKWh());
        assertEquals("245", s.settings().get("overVoltage"));
        assertEquals(1, loaded.warnings().size());
        assertEquals(dir + ": the saved day 2030-03-01 is after today 2026-03-01 (the clock went back, or a bad"
                + " RTC): starting a new day; the saved day's 2.500 kWh count as yesterday's",
                loaded.warnings().getFirst());
    }

    @Test
    void after_the_new_day_is_saved_the_next_start_is_quiet_and_days_roll_over_again(@TempDir Path dir)
            throws IOException {
        LocalDate future = TODAY.plusDays(10);
        StateStore store = new StateStore(dir);
        store.save(PersistedState.fresh(future).addEnergy(1.0, future));
        StateStore reopened = new StateStore(dir);
        PersistedState s = reopened.load(TODAY).state().addEnergy(0.5, TODAY);
        reopened.save(s);
        StateStore.Loaded again = new StateStore(dir).load(TODAY);
        assertTrue(again.warnings().isEmpty(), again.warnings().toString());
        PersistedState tomorrow = again.state().addEnergy(0.25, TODAY.plusDays(1));
        assertEquals(0.5, tomorrow.energyYesterdayKWh());
        assertEquals(0.25, tomorrow.energyTodayKWh());
        assertEquals(1.75, tomorrow.energyKWh());
    }

    @Test
    void the_same_day_or_a_past_day_loads_as_before(@TempDir Path dir) throws IOException {
        new StateStore(dir).save(PersistedState.fresh(TODAY).addEnergy(1.0, TODAY));
        StateStore.Loaded loaded = new StateStore(dir).load(TODAY);
        assertEquals(1.0, loaded.state().energyTodayKWh());
        assertTrue(loaded.warnings().isEmpty());
    }
}
