package io.openkws;

/**
 * A problem the user can fix (bad flag, unreadable file, out-of-range setting, absent device).
 *
 * <p>Exists so the command line can tell user mistakes, which get one clear line and a non-zero exit, from
 * programming errors, which deserve a stack trace. The message must stand on its own as that one line: line
 * breaks and other control characters quoted from the user's input (a multi-line YAML value, a binary file) are
 * shown as escapes ({@code \n}, {@code \u000B}), so no input can split the message or smuggle terminal control
 * codes into it. Quoted values longer than {@value UserInput#MAX_SHOWN_CHARS} characters are shortened and the
 * whole message is capped, so no input can make a message as long as itself.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(bounded(message));
    }

    public UserError(String message, Throwable cause) {
        super(bounded(message), cause);
    }

    /** The message as shown: one line, long quoted values shortened, the whole capped (see {@link UserInput}). */
    public static String bounded(String message) {
        return UserInput.capMessage(oneLine(UserInput.capQuoted(message)));
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
