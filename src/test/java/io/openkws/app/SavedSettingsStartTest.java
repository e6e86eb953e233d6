package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.config.Config;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid saved settings are dropped from the saved state at the first start, so later starts are quiet. */
class SavedSettingsStartTest {

    @TempDir
    Path stateDirectory;

    @Test
    void invalid_saved_settings_are_gone_from_the_state_after_the_first_start() throws Exception {
        new StateStore(stateDirectory).save(PersistedState.fresh(VirtualDevice.DAY)
                .withSetting("overVoltage", "999").withSetting("powerOnState", "sideways")
                .withSetting("recoveryDelay", "7.0"));
        Config config = Config.parse("test.yaml", "board: sim\nrelay:\n  powerOnState: off\n");
        try (VirtualDevice d = new VirtualDevice(config, stateDirectory)) {
            assertEquals(250.0, d.status().settings().get("overVoltage"), "the config file's value");
            assertEquals(7.0, d.status().settings().get("recoveryDelay"), "the valid saved value");
            d.run(2.0);
        }
        PersistedState after = new StateStore(stateDirectory).load(VirtualDevice.DAY).state();
        assertEquals(Map.of("recoveryDelay", "7.0"), after.settings());
    }
}
