package io.openkws.io.sim.lcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.tm1622.PinTm1622Bus;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.Tm1622Driver;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import io.openkws.time.VirtualClock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real driver on the simulated chip's pins: what the driver means is what the (independent) chip decodes. */
class DriverOnSimulatedChipTest {

    private final VirtualClock clock = new VirtualClock();
    private final SimTm1622 chip = new SimTm1622(clock);
    private final PinTm1622Bus bus = new PinTm1622Bus(chip.pin(Line.CS), chip.pin(Line.WR), chip.pin(Line.DATA),
            chip.pin(Line.RD), chip.dataIn(), clock);
    private final Tm1622Driver driver = new Tm1622Driver(bus);

    private static RamImage random(Random random, double density) {
        int[] nibbles = new int[RamImage.ADDRESSES];
        for (int a = 0; a < nibbles.length; a++) {
            if (random.nextDouble() < density) {
                nibbles[a] = random.nextInt(16);
            }
        }
        return RamImage.of(nibbles);
    }

    @Test
    void init_leaves_the_chip_on_with_a_blank_ram_and_no_violation() {
        driver.init();

        assertTrue(chip.sysEnabled());
        assertTrue(chip.lcdOn());
        assertFalse(chip.externalClock());
        assertEquals(RamImage.BLANK, chip.ram());
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void random_images_flushed_one_after_another_reach_the_chip_unchanged() {
        Random random = new Random(20261121);
        driver.init();
        for (int i = 0; i < 200; i++) {
            RamImage image = random(random, i % 3 == 0 ? 1.0 : 0.15);
            driver.show(image);
            driver.flush();
            assertEquals(image, chip.visible(), "image " + i);
        }
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void refresh_restores_the_picture_after_a_power_glitch() {
        Random random = new Random(7);
        driver.init();
        RamImage image = random(random, 1.0);
        driver.show(image);
        driver.flush();

        chip.powerGlitch(random(random, 1.0));
        assertEquals(RamImage.BLANK, chip.visible());
        driver.refresh();

        assertEquals(image, chip.visible());
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void read_back_confirms_the_ram_and_finds_corrupted_addresses() {
        driver.init();
        RamImage image = RamImage.BLANK.withNibble(0, 0xF).withNibble(17, 0x5).withNibble(63, 0x8);
        driver.show(image);
        driver.flush();
        assertEquals(List.of(), driver.verify());

        chip.powerGlitch(image.withNibble(17, 0x4).withNibble(40, 0x1));
        assertEquals(List.of(17, 40), driver.verify());
        assertEquals(List.of(), chip.violations());
    }
}
