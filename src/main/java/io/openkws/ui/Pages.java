package io.openkws.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The display's pages and messages as {@link LcdFrame}s, built from plain values.
 *
 * <p>Exists so what the meter shows (number formats, auto-ranging, units, message texts) is decided in one place
 * and tested without a panel. Numbers are shown with as many decimals as fit the {@code main} field, up to a
 * per-quantity maximum; a value that does not fit even without decimals shows {@code OL}, a missing one
 * (NaN) shows {@code ---}. Menus use the {@code aux} field for the setting's label and blink the value.
 */
public final class Pages {

    /** Field that shows readings and messages. */
    public static final String MAIN = "main";
    /** Small field that labels a menu setting. */
    public static final String AUX = "aux";
    /** Power at and above which the power page switches from W to kW. */
    public static final double KILO_WATT_THRESHOLD_W = 10_000;

    /**
     * The fixed messages of the display. {@link #REFUSED} ({@code no}) answers a relay ON that the protection
     * engine refused; {@link #ERROR} ({@code Err}) is the lost-meter fault.
     */
    public enum Message {
        BOOT("boot"), OFF("OFF"), DASHES("---"), OVP("OVP"), UVP("UVP"), OCP("OCP"), OPP("OPP"), LOCK("LOCK"),
        ERROR("Err"), REFUSED("no");

        private final String text;

        Message(String text) {
            this.text = text;
        }

        /** The text shown on {@code main}. */
        public String text() {
            return text;
        }
    }

    /** The relay as the relay page shows it. */
    public enum RelayState { ON, OFF }

    private final int mainDigits;

    /** Pages for a panel whose {@code main} field has {@code mainDigits} digits. */
    public Pages(int mainDigits) {
        if (mainDigits < 3) {
            throw new IllegalArgumentException("the main field needs at least 3 digits, got " + mainDigits);
        }
        this.mainDigits = mainDigits;
    }

    /** Pages for the panel described by {@code map}. */
    public static Pages forMap(SegmentMap map) {
        return new Pages(map.digits(MAIN));
    }

    /** Voltage in volts, up to 1 decimal, unit V. */
    public LcdFrame voltage(double voltageV) {
        return reading(voltageV, 1, "V");
    }

    /** Current in amperes, up to 3 decimals, unit A. */
    public LcdFrame current(double currentA) {
        return reading(currentA, 3, "A");
    }

    /** Active power: W with up to 1 decimal below 10 kW, else kW with up to 3 decimals. */
    public LcdFrame power(double powerW) {
        if (Math.abs(powerW) >= KILO_WATT_THRESHOLD_W) {
            return reading(powerW / 1000, 3, "kW");
        }
        String text = fit(powerW, 1);
        if (text.equals("OL")) {
            return reading(powerW / 1000, 3, "kW");
        }
        return LcdFrame.text(MAIN, text).withIcon("W");
    }

    /** Energy in kWh, up to 3 decimals. */
    public LcdFrame energy(double energyKWh) {
        return reading(energyKWh, 3, "kWh");
    }

    /** Mains frequency in hertz, up to 2 decimals. */
    public LcdFrame frequency(double frequencyHz) {
        return reading(frequencyHz, 2, "Hz");
    }

    /** Power factor (−1..1), up to 2 decimals. */
    public LcdFrame powerFactor(double powerFactor) {
        return reading(powerFactor, 2, "PF");
    }

    /** Run time in hours, up to 1 decimal. */
    public LcdFrame runTime(double runTimeHours) {
        return reading(runTimeHours, 1, "h");
    }

    /** Temperature in °C, up to 1 decimal. */
    public LcdFrame temperature(double temperatureC) {
        return reading(temperatureC, 1, "°C");
    }

    /** The relay page: {@code On} with the relay icon, or {@code OFF}. */
    public LcdFrame relay(RelayState state) {
        return state == RelayState.ON ? LcdFrame.text(MAIN, "On").withIcon("relay") : LcdFrame.text(MAIN, "OFF");
    }

    /** A fixed message on {@code main}. */
    public LcdFrame message(Message message) {
        return LcdFrame.text(MAIN, message.text());
    }

    /** A countdown (recovery delay, retry): {@code c} then the whole seconds left, e.g. {@code c  30}. */
    public LcdFrame countdown(long secondsLeft) {
        long shown = Math.max(0, Math.min(secondsLeft, (long) Math.pow(10, mainDigits - 1) - 1));
        String number = Long.toString(shown);
        return LcdFrame.text(MAIN, "c" + " ".repeat(mainDigits - 1 - number.length()) + number);
    }

    /**
     * A menu setting: {@code label} on {@code aux}, {@code value} on {@code main}, the value blinking (dark while
     * {@code blinkPhaseOn} is false when the frame is rendered).
     */
    public LcdFrame setting(String label, String value) {
        return LcdFrame.text(AUX, label).withText(MAIN, value).withBlinking(MAIN);
    }

    /** A menu setting with a numeric value shown with up to {@code maxDecimals} decimals. */
    public LcdFrame setting(String label, double value, int maxDecimals) {
        return setting(label, fit(value, maxDecimals));
    }

    /**
     * {@code value} as text for the {@code main} field with as many decimals (≤ {@code maxDecimals}) as fit,
     * rounded half-up; {@code OL} when it does not fit, {@code ---} for NaN.
     */
    public String fit(double value, int maxDecimals) {
        if (Double.isNaN(value)) {
            return Message.DASHES.text();
        }
        if (Double.isInfinite(value)) {
            return "OL";
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        for (int decimals = maxDecimals; decimals >= 0; decimals--) {
            String text = exact.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
            if (text.startsWith("-") && text.chars().allMatch(c -> c == '-' || c == '0' || c == '.')) {
                text = text.substring(1);
            }
            int cells = text.replace(".", "").length();
            if (cells <= mainDigits) {
                return text;
            }
        }
        return "OL";
    }

    private LcdFrame reading(double value, int maxDecimals, String icon) {
        return LcdFrame.text(MAIN, fit(value, maxDecimals)).withIcon(icon);
    }
}
