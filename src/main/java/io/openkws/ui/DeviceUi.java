package io.openkws.ui;

import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.protect.SettingSpec;
import io.openkws.ui.Pages.Message;
import io.openkws.ui.Pages.RelayState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The meter's on-device behaviour: which page or message the panel shows, the settings menu, and what the
 * buttons ask the controller to do.
 *
 * <p>Exists as a pure state machine so every rule of the front panel is exact and testable in virtual time: no
 * threads, no clock reads, no I/O. Button events come in with their own timestamps, {@link #frame} and
 * {@link #tick} get the time as an argument, and the results are {@link UiAction}s the panel turns into device
 * commands (the device service routes them through the protection engine and the settings store). Not
 * thread-safe: call it from the panel's thread (never the control loop). Call {@link #frame} at least every
 * 250 ms (blinking) and {@link #tick} on every panel pass (the menu's timeout).
 *
 * <p>Buttons (stock-like, then better):
 * <ul>
 *   <li>menu click: next page (voltage, current, power, energy, frequency, power factor, run time, relay);
 *       plus/minus clicks: next/previous page. Browsing shows the page for {@value #PEEK_SECONDS} s even over a
 *       fault, so readings are never out of reach.</li>
 *   <li>menu long press: enter the settings menu ({@link MenuItem#standard}); in it menu click = next item,
 *       plus/minus = ± the spec's step (auto-repeat steps ×{@value #ACCELERATION} after
 *       {@value #ACCELERATE_AFTER_REPEATS} repeats), the value blinks and {@code aux} shows the item's label; a
 *       menu long press or {@value #MENU_TIMEOUT_SECONDS} s without buttons leaves it and emits the changed
 *       values, clamped to their spec.</li>
 *   <li>power click or long press: {@link UiAction.ToggleRelay}, in the menu too.</li>
 *   <li>the {@code factoryReset} chord: {@link UiAction.FactoryReset}, {@code ---} for 1 s, then the relay page
 *       (OFF once the controller has opened the relay), as the stock firmware does; it discards menu edits.</li>
 *   <li>screen timeout: after {@link DisplayData#screenTimeoutMinutes()} without a button the panel blanks unless
 *       a fault, a pending automatic close or a message is showing; the press that wakes it does nothing else
 *       (its click, long press or repeats are swallowed), except that the factory-reset chord still works since
 *       it needs a 5 s hold on a lit panel.</li>
 * </ul>
 *
 * <p>What is shown, first match wins: factory-reset dashes (1 s) &gt; refused message {@code no} (2 s) &gt; menu
 * &gt; blank (screen timeout) &gt; a page being browsed (5 s) &gt; active fault ({@code OVP UVP OCP OPP LOCK};
 * {@code METER_LOST} shows {@code Err} (an alarm: {@code Err} with {@code 1} on the small field for welded relay
 * contacts, {@code 2} for a coil failure), because {@code ---} already means "no value" and the factory reset),
 * alternating every 2 s with the automatic-close countdown when one is pending &gt; {@code boot} for the first
 * 2 s &gt; a pending automatic close alternating every 2 s with the current page &gt; the current page. The
 * user's auto-off countdown is not shown over readings: the relay page alternates {@code On} with the time left
 * ({@code c} and seconds, or hours with the {@code h} icon when the seconds do not fit). Relay OFF shows
 * {@code OFF} on the relay page only.
 */
public final class DeviceUi {

    /** The pages the menu button cycles through, in order. */
    public enum Page { VOLTAGE, CURRENT, POWER, ENERGY, FREQUENCY, POWER_FACTOR, RUN_TIME, RELAY }

    /** How long a browsed page stays over a fault or countdown, seconds. */
    public static final int PEEK_SECONDS = 5;
    /** How long the menu stays open without a button, seconds. */
    public static final int MENU_TIMEOUT_SECONDS = 10;
    /** Auto-repeats after which plus/minus step faster. */
    public static final int ACCELERATE_AFTER_REPEATS = 10;
    /** Step multiplier after {@link #ACCELERATE_AFTER_REPEATS}. */
    public static final int ACCELERATION = 10;
    /** Half period of blinking: on, then off, this long each. */
    public static final long BLINK_HALF_NANOS = 500_000_000L;
    /** How long each of two alternating frames shows. */
    public static final long ALTERNATE_NANOS = 2_000_000_000L;
    /** How long {@code boot} shows after start. */
    public static final long BOOT_NANOS = 2_000_000_000L;
    /** How long the refused message shows. */
    public static final long REFUSED_NANOS = 2_000_000_000L;
    /** How long the factory-reset dashes show. */
    public static final long RESET_DASHES_NANOS = 1_000_000_000L;

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final String FACTORY_RESET = "factoryReset";
    private static final Map<String, String> CHOICE_TEXTS = Map.of("off", "OFF", "on", "On", "memory", "LASt");

    private final SegmentMap map;
    private final Pages pages;
    private final List<MenuItem> menuItems;
    private final long startNanos;
    private final Set<Button> swallowed = EnumSet.noneOf(Button.class);
    private DisplayData latest;
    private Page page = Page.VOLTAGE;
    private long lastButtonNanos;
    private long peekUntilNanos;
    private long refusedUntilNanos;
    private long resetUntilNanos;
    private Menu menu;

    private static final class Menu {
        int index;
        final double[] initial;
        final double[] values;

        Menu(double[] initial) {
            this.initial = initial;
            this.values = initial.clone();
        }
    }

    /**
     * A UI for the panel described by {@code map}, with {@code menuItems} in the settings menu, started at
     * {@code startNanos} (the boot message's and the screen timeout's origin).
     */
    public DeviceUi(SegmentMap map, List<MenuItem> menuItems, long startNanos) {
        this.map = map;
        this.pages = Pages.forMap(map);
        this.menuItems = List.copyOf(menuItems);
        this.startNanos = startNanos;
        this.lastButtonNanos = startNanos;
        this.peekUntilNanos = startNanos;
        this.refusedUntilNanos = startNanos;
        this.resetUntilNanos = startNanos;
        for (MenuItem item : this.menuItems) {
            if (item.label().length() > map.digits(Pages.AUX)) {
                throw new IllegalArgumentException("menu label '" + item.label() + "' does not fit the aux field");
            }
            FieldText.layout(item.label(), map.digits(Pages.AUX));
        }
    }

    /** The page shown when no message or menu takes precedence. */
    public Page page() {
        return page;
    }

    /** Whether the settings menu is open at {@code nowNanos} (it closes by itself after its timeout). */
    public boolean inMenu(long nowNanos) {
        return menu != null && nowNanos - lastButtonNanos < MENU_TIMEOUT_SECONDS * SECOND;
    }

    /** A button event, using the data last given to {@link #frame} (the menu starts from those settings). */
    public List<UiAction> onButton(ButtonEvent event) {
        return onButton(event, latest);
    }

    /** A button event; {@code data} (may be null before the first refresh) supplies the values the menu edits. */
    public List<UiAction> onButton(ButtonEvent event, DisplayData data) {
        if (data != null) {
            latest = data;
        }
        long now = event.nanos();
        List<UiAction> actions = new ArrayList<>(tick(now));
        boolean asleep = asleep(latest, now);
        lastButtonNanos = now;
        switch (event) {
            case ButtonEvent.Pressed p -> {
                if (asleep) {
                    swallowed.add(p.button());
                } else {
                    swallowed.remove(p.button());
                }
            }
            case ButtonEvent.Released r -> {
            }
            case ButtonEvent.ChordHeld c -> {
                if (c.name().equals(FACTORY_RESET)) {
                    menu = null;
                    page = Page.RELAY;
                    peekUntilNanos = now;
                    resetUntilNanos = now + RESET_DASHES_NANOS;
                    actions.add(new UiAction.FactoryReset());
                }
            }
            case ButtonEvent.Clicked c -> gesture(c.button(), asleep, () -> clicked(c.button(), now, actions));
            case ButtonEvent.LongPressed l -> gesture(l.button(), asleep, () -> longPressed(l.button(), actions));
            case ButtonEvent.Repeated r -> gesture(r.button(), asleep, () -> repeated(r.button(), r.count()));
        }
        return actions;
    }

    /**
     * What the panel asked for was refused (a relay ON while the voltage is unhealthy, a menu setting the
     * protection engine rejects): {@code no} shows for 2 s from {@code nowNanos}. The {@code reason} (for the
     * event log) is not shown: a seven-segment panel cannot spell it.
     */
    public void onRefused(String reason, long nowNanos) {
        refusedUntilNanos = nowNanos + REFUSED_NANOS;
    }

    /** Time passing: leaves the menu after its timeout and returns the settings it changed. */
    public List<UiAction> tick(long nowNanos) {
        if (menu != null && !inMenu(nowNanos)) {
            return leaveMenu();
        }
        return List.of();
    }

    /**
     * What the panel shows at {@code nowNanos} for {@code data}. Blinking is already applied (a blinking value
     * is absent in the off phase), so the frame renders the same at either blink phase.
     */
    public LcdFrame frame(DisplayData data, long nowNanos) {
        latest = data;
        if (nowNanos < resetUntilNanos) {
            return pages.message(Message.DASHES);
        }
        if (nowNanos < refusedUntilNanos) {
            return pages.message(Message.REFUSED);
        }
        if (inMenu(nowNanos)) {
            return menuFrame(nowNanos);
        }
        if (asleep(data, nowNanos)) {
            return LcdFrame.BLANK;
        }
        if (nowNanos < peekUntilNanos) {
            return pageFrame(data, nowNanos);
        }
        if (data.fault() != null) {
            LcdFrame fault = faultFrame(data.fault());
            return data.autoCloseSeconds() > 0 ? alternate(fault, pages.countdown(data.autoCloseSeconds()), nowNanos)
                    : fault;
        }
        if (nowNanos - startNanos < BOOT_NANOS) {
            return pages.message(Message.BOOT);
        }
        if (data.autoCloseSeconds() > 0) {
            return alternate(pages.countdown(data.autoCloseSeconds()), pageFrame(data, nowNanos), nowNanos);
        }
        return pageFrame(data, nowNanos);
    }

    private void gesture(Button button, boolean asleep, Runnable action) {
        if (asleep) {
            swallowed.add(button);
        } else if (!swallowed.contains(button)) {
            action.run();
        }
    }

    private void clicked(Button button, long now, List<UiAction> actions) {
        if (button == Button.POWER) {
            actions.add(new UiAction.ToggleRelay());
        } else if (menu != null) {
            switch (button) {
                case MENU -> menu.index = (menu.index + 1) % menuItems.size();
                case PLUS -> step(1);
                case MINUS -> step(-1);
                default -> {
                }
            }
        } else {
            Page[] all = Page.values();
            int delta = button == Button.MINUS ? all.length - 1 : 1;
            page = all[(page.ordinal() + delta) % all.length];
            peekUntilNanos = now + PEEK_SECONDS * SECOND;
        }
    }

    private void longPressed(Button button, List<UiAction> actions) {
        switch (button) {
            case POWER -> actions.add(new UiAction.ToggleRelay());
            case MENU -> {
                if (menu != null) {
                    actions.addAll(leaveMenu());
                } else if (latest != null && !menuItems.isEmpty()) {
                    enterMenu(latest);
                }
            }
            case PLUS -> step(menu != null ? 1 : 0);
            case MINUS -> step(menu != null ? -1 : 0);
        }
    }

    private void repeated(Button button, int count) {
        if (menu == null || (button != Button.PLUS && button != Button.MINUS)) {
            return;
        }
        int steps = count > ACCELERATE_AFTER_REPEATS ? ACCELERATION : 1;
        step(button == Button.PLUS ? steps : -steps);
    }

    private void enterMenu(DisplayData data) {
        double[] values = new double[menuItems.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (menuItems.get(i)) {
                case MenuItem.Setting s -> data.settings().getOrDefault(s.spec().name(), Double.NaN);
                case MenuItem.ScreenTimeout t -> data.screenTimeoutMinutes();
                case MenuItem.AutoOff a -> Math.ceilDiv(data.autoOffSeconds(), 60);
                case MenuItem.PowerOnState p -> DisplayData.POWER_ON_STATES.indexOf(data.powerOnState());
            };
        }
        menu = new Menu(values);
    }

    private List<UiAction> leaveMenu() {
        Menu closing = menu;
        menu = null;
        List<UiAction> actions = new ArrayList<>();
        for (int i = 0; i < menuItems.size(); i++) {
            double value = closing.values[i];
            if (same(value, closing.initial[i])) {
                continue;
            }
            actions.add(switch (menuItems.get(i)) {
                case MenuItem.Setting s -> new UiAction.ChangeSetting(s.spec().name(), clamp(s.spec(), value));
                case MenuItem.ScreenTimeout t -> new UiAction.ChangeSetting(t.spec().name(), clamp(t.spec(), value));
                case MenuItem.AutoOff a -> new UiAction.SetCountdown(Math.round(clamp(a.spec(), value) * 60));
                case MenuItem.PowerOnState p -> new UiAction.ChangeChoice(MenuItem.POWER_ON_STATE,
                        DisplayData.POWER_ON_STATES.get((int) value));
            });
        }
        return actions;
    }

    private void step(int steps) {
        if (menu == null || steps == 0) {
            return;
        }
        int i = menu.index;
        double value = menu.values[i];
        menu.values[i] = switch (menuItems.get(i)) {
            case MenuItem.Setting s -> stepped(s.spec(), value, steps);
            case MenuItem.ScreenTimeout t -> stepped(t.spec(), value, steps);
            case MenuItem.AutoOff a -> stepped(a.spec(), value, steps);
            case MenuItem.PowerOnState p -> Math.floorMod((int) value + Integer.signum(steps),
                    DisplayData.POWER_ON_STATES.size());
        };
    }

    private static double stepped(SettingSpec spec, double value, int steps) {
        if (Double.isNaN(value)) {
            return spec.min();
        }
        BigDecimal sum = BigDecimal.valueOf(value)
                .add(BigDecimal.valueOf(spec.step()).multiply(BigDecimal.valueOf(steps)))
                .setScale(decimals(spec), RoundingMode.HALF_UP);
        return clamp(spec, sum.doubleValue());
    }

    private static double clamp(SettingSpec spec, double value) {
        return Math.max(spec.min(), Math.min(spec.max(), value));
    }

    private static int decimals(SettingSpec spec) {
        return Math.max(0, BigDecimal.valueOf(spec.step()).stripTrailingZeros().scale());
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0 || Math.abs(a - b) < 1e-9;
    }

    private boolean asleep(DisplayData data, long now) {
        if (data == null || data.screenTimeoutMinutes() == 0 || inMenu(now)) {
            return false;
        }
        boolean message = now < resetUntilNanos || now < refusedUntilNanos || data.fault() != null
                || data.autoCloseSeconds() > 0 || now - startNanos < BOOT_NANOS;
        return !message && now - lastButtonNanos >= data.screenTimeoutMinutes() * MINUTE;
    }

    private LcdFrame menuFrame(long now) {
        MenuItem item = menuItems.get(menu.index);
        double value = menu.values[menu.index];
        String text = switch (item) {
            case MenuItem.Setting s -> s.zeroIsOff() && value == 0 ? "OFF" : pages.fit(value, decimals(s.spec()));
            case MenuItem.ScreenTimeout t -> value == 0 ? "OFF" : pages.fit(value, decimals(t.spec()));
            case MenuItem.AutoOff a -> value == 0 ? "OFF" : pages.fit(value, decimals(a.spec()));
            case MenuItem.PowerOnState p -> CHOICE_TEXTS.get(DisplayData.POWER_ON_STATES.get((int) value));
        };
        LcdFrame frame = withIconIfMapped(pages.setting(item.label(), text), "set");
        boolean blinkOn = Math.floorMod(Math.floorDiv(now - lastButtonNanos, BLINK_HALF_NANOS), 2) == 0;
        Map<String, String> texts = new LinkedHashMap<>(frame.texts());
        if (!blinkOn) {
            frame.blinking().forEach(texts::remove);
        }
        return new LcdFrame(texts, frame.icons(), Set.of());
    }

    private LcdFrame faultFrame(String fault) {
        LcdFrame frame = pages.message(switch (fault) {
            case "OVP" -> Message.OVP;
            case "UVP" -> Message.UVP;
            case "OCP" -> Message.OCP;
            case "OPP" -> Message.OPP;
            case "LOCK" -> Message.LOCK;
            default -> Message.ERROR;
        });
        frame = withIconIfMapped(frame, "alarm");
        if (fault.equals("RELAY_WELDED")) {
            frame = frame.withText(Pages.AUX, "1");
        } else if (fault.equals("COIL_FAILURE")) {
            frame = frame.withText(Pages.AUX, "2");
        }
        return fault.equals("LOCK") ? withIconIfMapped(frame, "lock") : frame;
    }

    private LcdFrame pageFrame(DisplayData data, long now) {
        return switch (page) {
            case VOLTAGE -> pages.voltage(data.voltageV());
            case CURRENT -> pages.current(data.currentA());
            case POWER -> pages.power(data.powerW());
            case ENERGY -> pages.energy(data.energyKWh());
            case FREQUENCY -> pages.frequency(data.frequencyHz());
            case POWER_FACTOR -> pages.powerFactor(data.powerFactor());
            case RUN_TIME -> pages.runTime(data.runTimeSeconds() / 3600);
            case RELAY -> !data.relayOn() ? pages.message(Message.OFF)
                    : data.autoOffSeconds() > 0
                            ? alternate(pages.relay(RelayState.ON), autoOffFrame(data.autoOffSeconds()), now)
                            : pages.relay(RelayState.ON);
        };
    }

    private LcdFrame autoOffFrame(long seconds) {
        int digits = map.digits(Pages.MAIN);
        if (digits < 4 || seconds < Math.pow(10, digits - 1)) {
            return pages.countdown(seconds);
        }
        String hours = new Pages(digits - 1).fit(seconds / 3600.0, 1);
        LcdFrame frame = LcdFrame.text(Pages.MAIN, "c" + " ".repeat(Math.max(0,
                digits - 1 - hours.replace(".", "").length())) + hours);
        return withIconIfMapped(frame, "h");
    }

    private LcdFrame alternate(LcdFrame first, LcdFrame second, long now) {
        return Math.floorMod(Math.floorDiv(now - startNanos, ALTERNATE_NANOS), 2) == 0 ? first : second;
    }

    private LcdFrame withIconIfMapped(LcdFrame frame, String icon) {
        return map.icons().contains(icon) ? frame.withIcon(icon) : frame;
    }
}
