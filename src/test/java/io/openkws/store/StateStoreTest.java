package io.openkws.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    @Test
    void a_saved_state_loads_back_with_everything_it_holds(@TempDir Path dir) throws IOException {
        StateStore store = new StateStore(dir);
        PersistedState state = PersistedState.fresh(DAY).addEnergy(1.25, DAY).withRunTime(3600).withRelayOn(true)
                .withSetting("overVoltage", "245.0");
        store.save(state);
        StateStore.Loaded loaded = new StateStore(dir).load(DAY);
        assertEquals(state, loaded.state());
        assertEquals(1, loaded.sequence());
    }

    @Test
    void a_corrupt_newest_copy_falls_back_to_the_previous_one_with_a_warning(@TempDir Path dir) throws IOException {
        StateStore store = new StateStore(dir);
        store.save(PersistedState.fresh(DAY).addEnergy(1.0, DAY));
        store.save(PersistedState.fresh(DAY).addEnergy(2.0, DAY));
        Path newest = dir.resolve("state-b.json");
        String text = Files.readString(newest);
        Files.writeString(newest, text.replace("2.0", "9.0"));
        StateStore.Loaded loaded = new StateStore(dir).load(DAY);
        assertEquals(1.0, loaded.state().energyKWh());
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().getFirst().contains("checksum mismatch"), loaded.warnings().toString());
    }

    @Test
    void garbage_in_both_copies_starts_from_zero_and_says_so(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("state-a.json"), "{\"seq\":");
        Files.writeString(dir.resolve("state-b.json"), "\u0000\u0000");
        StateStore.Loaded loaded = new StateStore(dir).load(DAY);
        assertEquals(0.0, loaded.state().energyKWh());
        assertEquals(3, loaded.warnings().size());
    }

    @Test
    void a_missing_directory_is_a_fresh_meter_without_warnings(@TempDir Path dir) {
        StateStore.Loaded loaded = new StateStore(dir.resolve("none")).load(DAY);
        assertEquals(PersistedState.fresh(DAY), loaded.state());
        assertTrue(loaded.warnings().isEmpty());
    }

    @Test
    void saves_alternate_slots_so_the_previous_copy_always_survives(@TempDir Path dir) throws IOException {
        StateStore store = new StateStore(dir);
        for (int i = 1; i <= 5; i++) {
            store.save(PersistedState.fresh(DAY).withRunTime(i));
        }
        assertTrue(Files.exists(dir.resolve("state-a.json")));
        assertTrue(Files.exists(dir.resolve("state-b.json")));
        assertEquals(5, new StateStore(dir).load(DAY).state().runTimeSeconds());
    }

    @Test
    void a_state_directory_that_cannot_be_written_makes_save_fail_and_keeps_the_saved_copy(@TempDir Path dir)
            throws IOException {
        StateStore store = new StateStore(dir);
        store.save(PersistedState.fresh(DAY).withRunTime(7));
        Files.writeString(dir.resolve("state-b.json.tmp"), "");
        Files.delete(dir.resolve("state-b.json.tmp"));
        Files.createDirectory(dir.resolve("state-b.json.tmp"));
        assertThrows(IOException.class, () -> store.save(PersistedState.fresh(DAY).withRunTime(8)));
        assertEquals(7, new StateStore(dir).load(DAY).state().runTimeSeconds());
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the state directory should be");
        assertThrows(IOException.class, () -> new StateStore(blocked).save(PersistedState.fresh(DAY)));
    }

    @Test
    void daily_energy_rolls_over_at_local_midnight() {
        PersistedState state = PersistedState.fresh(DAY).addEnergy(2.0, DAY).addEnergy(0.5, DAY.plusDays(1));
        assertEquals(2.5, state.energyKWh(), 1e-9);
        assertEquals(0.5, state.energyTodayKWh(), 1e-9);
        assertEquals(2.0, state.energyYesterdayKWh(), 1e-9);
        PersistedState later = state.rollTo(DAY.plusDays(5));
        assertEquals(0.0, later.energyTodayKWh());
        assertEquals(0.0, later.energyYesterdayKWh());
    }

    @Test
    void the_save_schedule_waits_for_an_energy_step_or_the_long_interval_and_honours_force() {
        SaveSchedule schedule = new SaveSchedule(0.01, 60_000_000_000L, 600_000_000_000L, 0, 0.0);
        assertFalse(schedule.due(120_000_000_000L, 0.005, false));
        assertTrue(schedule.due(120_000_000_000L, 0.01, false));
        schedule.saved(120_000_000_000L, 0.01);
        assertFalse(schedule.due(130_000_000_000L, 0.05, false));
        assertTrue(schedule.due(800_000_000_000L, 0.011, false));
        schedule.force();
        assertTrue(schedule.due(800_000_000_001L, 0.011, false));
    }
}
