package io.openkws.store;

import java.nio.file.Path;
import java.time.LocalDate;

/** Child process for {@link StateStoreTortureTest}: saves an ever-growing state until it is killed. */
public final class StoreTortureChild {
    private StoreTortureChild() {
    }

    public static void main(String[] args) throws Exception {
        StateStore store = new StateStore(Path.of(args[0]));
        LocalDate day = LocalDate.of(2026, 1, 1);
        PersistedState state = store.load(day).state();
        for (long i = 1; ; i++) {
            state = state.addEnergy(0.001, day).withRunTime(state.runTimeSeconds() + 1);
            store.save(state);
            System.out.println("saved " + state.runTimeSeconds());
            System.out.flush();
        }
    }
}
