package io.openkws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens user input before an error message quotes it.
 *
 * <p>Exists because a message that echoes a whole value can be as large as the input: a 2 MB line in a config
 * file, a flag value or a capture token became a 2 MB line on stderr. Every place that quotes what the user gave
 * uses {@link #shown(String)}; every user-facing exception applies {@link #bounded(String)} (which caps quoted
 * values and the whole message) as a backstop for messages built elsewhere (picocli's, the JDK's).
 */
public final class UserInput {

    /** Characters of a value kept when an error message quotes it. */
    public static final int MAX_SHOWN_CHARS = 60;

    /** Longest error message printed; anything longer is cut (a message never needs more). */
    public static final int MAX_MESSAGE_CHARS = 1000;

    /** Quoted runs longer than this are shortened by {@link #capQuoted}: above what {@link #shown} produces. */
    private static final int MAX_QUOTED_CHARS = MAX_SHOWN_CHARS + 40;

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{" + (MAX_QUOTED_CHARS + 1) + ",})'");

    private UserInput() {
    }

    /** {@code value} as far as {@value #MAX_SHOWN_CHARS} characters, then "…" when it was longer. */
    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_SHOWN_CHARS) {
            return value;
        }
        int end = MAX_SHOWN_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "… (" + value.length() + " characters)";
    }

    /** {@code message} with every single-quoted run longer than 100 characters shortened by {@link #shown}. */
    public static String capQuoted(String message) {
        if (message == null || message.length() <= MAX_QUOTED_CHARS + 2) {
            return message;
        }
        Matcher m = QUOTED.matcher(message);
        if (!m.find()) {
            return message;
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("'" + shown(m.group(1)) + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code message} cut to {@value #MAX_MESSAGE_CHARS} characters. */
    public static String capMessage(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + "… (message cut, " + message.length() + " characters)";
    }

    /**
     * {@code message} as an error line may show it: one line (control characters as escapes, so no input can split
     * the message or smuggle terminal codes into it), long quoted values shortened, the whole capped. Every
     * user-facing exception applies it to its message.
     */
    public static String bounded(String message) {
        return capMessage(oneLine(capQuoted(message)));
    }

    /** {@code text} with line breaks and control characters (tab excepted) replaced by visible escapes. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (!escape) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
