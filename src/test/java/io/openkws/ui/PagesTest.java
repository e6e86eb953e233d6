package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.ui.Pages.Message;
import io.openkws.ui.Pages.RelayState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class PagesTest {

    private final SegmentMap map = SegmentMapTest.provisional();
    private final Pages pages = Pages.forMap(map);

    private static String main(LcdFrame frame) {
        return frame.texts().get(Pages.MAIN);
    }

    @Test
    void readings_show_as_many_decimals_as_fit_with_their_unit() {
        assertEquals("230.5", main(pages.voltage(230.46)));
        assertEquals(Set.of("V"), pages.voltage(230).icons());
        assertEquals("12.346", main(pages.current(12.3456)));
        assertEquals("0.000", main(pages.current(0.0004)));
        assertEquals("50.00", main(pages.frequency(49.996)));
        assertEquals("0.98", main(pages.powerFactor(0.981)));
        assertEquals("1234.6", main(pages.runTime(1234.56)));
        assertEquals("12345", main(pages.energy(12345.4)));
        assertEquals("1.234", main(pages.energy(1.2344)));
    }

    @Test
    void power_switches_from_watts_to_kilowatts_at_ten_kilowatts() {
        assertEquals("1234.6", main(pages.power(1234.56)));
        assertEquals(Set.of("W"), pages.power(1234.56).icons());
        assertEquals("12.346", main(pages.power(12_345.6)));
        assertEquals(Set.of("kW"), pages.power(12_345.6).icons());
        assertEquals("-500.0", main(pages.power(-500)));
        assertEquals("-12.35", main(pages.power(-12_345.6)));
    }

    @Test
    void a_value_that_does_not_fit_shows_ol_and_a_missing_one_shows_dashes() {
        assertEquals("OL", main(pages.energy(123_456.7)));
        assertEquals("---", main(pages.voltage(Double.NaN)));
        assertEquals("0.0", main(pages.voltage(-0.01)));
    }

    @Test
    void messages_relay_and_countdown_have_fixed_texts() {
        assertEquals("OVP", main(pages.message(Message.OVP)));
        assertEquals("LOCK", main(pages.message(Message.LOCK)));
        assertEquals("no", main(pages.message(Message.REFUSED)));
        assertEquals("On", main(pages.relay(RelayState.ON)));
        assertTrue(pages.relay(RelayState.ON).icons().contains("relay"));
        assertEquals("OFF", main(pages.relay(RelayState.OFF)));
        assertEquals("c  30", main(pages.countdown(30)));
        assertEquals("c9999", main(pages.countdown(123_456)));
    }

    @Test
    void a_blinking_value_goes_dark_in_the_off_phase_while_its_label_stays() {
        LcdFrame setting = pages.setting("OVP", 250.0, 0);

        Set<String> on = setting.litSegments(map, true);
        Set<String> off = setting.litSegments(map, false);

        assertTrue(on.stream().anyMatch(s -> s.startsWith("main.")));
        assertFalse(off.stream().anyMatch(s -> s.startsWith("main.")));
        assertEquals(on.stream().filter(s -> s.startsWith("aux.")).toList(),
                off.stream().filter(s -> s.startsWith("aux.")).toList());
    }

    @Test
    void the_font_covers_every_character_pages_and_messages_use() {
        List<LcdFrame> frames = new ArrayList<>();
        List<DoubleFunction<LcdFrame>> readings = List.of(pages::voltage, pages::current, pages::power,
                pages::energy, pages::frequency, pages::powerFactor, pages::runTime, pages::temperature);
        Random random = new Random(42);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1e-9, 9999.95, 99999.5, -99999.0, 1e12,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        for (int i = 0; i < 300; i++) {
            values.add((random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(8)));
        }
        for (DoubleFunction<LcdFrame> page : readings) {
            values.forEach(v -> frames.add(page.apply(v)));
        }
        for (Message message : Message.values()) {
            frames.add(pages.message(message));
        }
        for (RelayState state : RelayState.values()) {
            frames.add(pages.relay(state));
        }
        for (long seconds : new long[] {-1, 0, 7, 30, 600, 86_400}) {
            frames.add(pages.countdown(seconds));
        }
        for (Message label : List.of(Message.OVP, Message.UVP, Message.OCP, Message.OPP)) {
            frames.add(pages.setting(label.text(), 250.5, 1));
        }
        for (LcdFrame frame : frames) {
            for (String text : frame.texts().values()) {
                for (char c : text.toCharArray()) {
                    assertTrue(c == '.' || SevenSegmentFont.covers(c), "'" + c + "' in " + text);
                }
            }
            frame.toRam(map, true);
        }
    }
}
