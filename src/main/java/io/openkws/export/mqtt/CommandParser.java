package io.openkws.export.mqtt;

import io.openkws.protect.PowerOnState;
import io.openkws.protect.SettingSpec;
import io.openkws.service.DeviceCommand;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@code set/<name>} topic level and its raw payload into a {@link DeviceCommand} or a rejection.
 *
 * <p>Exists as a pure function, apart from the network code, because it is the one place where bytes from the
 * network meet the controller: it is tested on its own and is the target of fuzzing. It never throws for any
 * input. Payloads longer than {@link #MAX_PAYLOAD_BYTES} are rejected before being decoded.
 *
 * <p>Accepted payloads (surrounding whitespace ignored, words case-insensitive): {@code relay}: ON, OFF, 1, 0,
 * TRUE, FALSE; a setting: a plain decimal number within the spec's range (no NaN, Infinity, hex or suffixes);
 * {@code powerOnState}: off, on, memory; {@code countdown}: whole seconds 0..{@link #MAX_COUNTDOWN_SECONDS};
 * {@code resetEnergy}, {@code resetLockout}: any non-empty payload (Home Assistant's button sends PRESS; an empty
 * one is what clears a retained message). Range checks here
 * only spare the controller hopeless values; the controller checks again and has the last word.
 */
public final class CommandParser {

    public static final int MAX_PAYLOAD_BYTES = 256;
    public static final long MAX_COUNTDOWN_SECONDS =
            (long) io.openkws.protect.ProtectionSettings.spec("countdown").orElseThrow().max();
    /** The commands that are not settings, in the order Home Assistant shows them. */
    public static final List<String> FIXED_COMMANDS = List.of("relay", "powerOnState", "countdown", "resetEnergy",
            "resetLockout");
    private static final int MAX_ECHOED_NAME = 64;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d{1,15}(?:\\.\\d{0,15})?|\\.\\d{1,15})");

    private final Map<String, SettingSpec> settings = new LinkedHashMap<>();

    /** @param specs the settings accepted as {@code set/<name>} (countdown is handled as a fixed command) */
    public CommandParser(List<SettingSpec> specs) {
        for (SettingSpec spec : specs) {
            String name = spec.name();
            if (name != null && name.equals("countdown")) {
                continue;
            }
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,63}") || isFixedCommand(name)) {
                throw new IllegalArgumentException("setting name unusable as an MQTT command: " + name);
            }
            if (settings.putIfAbsent(name, spec) != null) {
                throw new IllegalArgumentException("duplicate setting " + name);
            }
        }
    }

    /** The outcome of parsing: a command for the controller, or an error for the {@code result} topic. */
    public sealed interface Result {
        /** The name echoed as {@code "command"} in the answer (shortened if absurdly long). */
        String name();
    }

    public record Parsed(DeviceCommand command) implements Result {
        @Override
        public String name() {
            return command.name();
        }
    }

    public record Rejected(String name, String error) implements Result {
    }

    /**
     * @param name the topic level after {@code set/} (may contain further '/' levels, which are unknown names)
     * @param payload the raw payload, possibly empty
     */
    public Result parse(String name, byte[] payload) {
        String echoed = name == null ? "" : clip(name, MAX_ECHOED_NAME);
        if (name == null || !isFixedCommand(name) && !settings.containsKey(name)) {
            return new Rejected(echoed, "unknown command");
        }
        if (payload == null) {
            payload = new byte[0];
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Rejected(echoed, "payload too large: " + payload.length + " bytes, at most " + MAX_PAYLOAD_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString().strip();
        } catch (CharacterCodingException e) {
            return new Rejected(echoed, "payload is not UTF-8 text");
        }
        return switch (name) {
            case "relay" -> relay(text);
            case "powerOnState" -> powerOnState(text);
            case "countdown" -> countdown(text);
            case "resetEnergy" -> press(name, text, new DeviceCommand.ResetEnergy());
            case "resetLockout" -> press(name, text, new DeviceCommand.ResetLockout());
            default -> setting(settings.get(name), text);
        };
    }

    /** The setting names this parser accepts, in the order given. */
    public List<SettingSpec> settings() {
        return List.copyOf(settings.values());
    }

    /** Every {@code set/<name>} this parser knows: the fixed commands, then the settings. */
    public List<String> commandNames() {
        List<String> names = new java.util.ArrayList<>(FIXED_COMMANDS);
        names.addAll(settings.keySet());
        return List.copyOf(names);
    }

    private static boolean isFixedCommand(String name) {
        return FIXED_COMMANDS.contains(name);
    }

    /**
     * A button takes any payload but an empty one: an empty message is what clears a retained one, and must never
     * zero the energy.
     */
    private static Result press(String name, String text, DeviceCommand command) {
        return text.isEmpty() ? new Rejected(name, "empty payload ignored (Home Assistant sends PRESS)")
                : new Parsed(command);
    }

    private static Result relay(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "ON", "1", "TRUE" -> new Parsed(new DeviceCommand.Relay(true));
            case "OFF", "0", "FALSE" -> new Parsed(new DeviceCommand.Relay(false));
            default -> new Rejected("relay", "expected ON or OFF, got " + quote(text));
        };
    }

    private static Result powerOnState(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "off" -> new Parsed(new DeviceCommand.SetPowerOnState(PowerOnState.OFF));
            case "on" -> new Parsed(new DeviceCommand.SetPowerOnState(PowerOnState.ON));
            case "memory" -> new Parsed(new DeviceCommand.SetPowerOnState(PowerOnState.MEMORY));
            default -> new Rejected("powerOnState", "expected off, on or memory, got " + quote(text));
        };
    }

    private static Result countdown(String text) {
        if (!text.matches("\\+?\\d{1,9}")) {
            return new Rejected("countdown", "expected whole seconds, got " + quote(text));
        }
        long seconds = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        if (seconds > MAX_COUNTDOWN_SECONDS) {
            return new Rejected("countdown", "out of range: " + seconds + " s, allowed 0 to " + MAX_COUNTDOWN_SECONDS);
        }
        return new Parsed(new DeviceCommand.ChangeSetting("countdown", seconds));
    }

    private static Result setting(SettingSpec spec, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return new Rejected(spec.name(), "expected a number, got " + quote(text));
        }
        double value = Double.parseDouble(text);
        if (!spec.accepts(value)) {
            return new Rejected(spec.name(), spec.outOfRange(value));
        }
        return new Parsed(new DeviceCommand.ChangeSetting(spec.name(), value));
    }

    private static String clip(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        clip(text, 32).codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
