package io.openkws.service;

/**
 * The answer to a {@link DeviceCommand}: done, or refused with a one-line reason.
 *
 * <p>Exists so every front-end reports the same reason for the same refusal (the MQTT {@code result}, the web
 * console's error line, the panel's {@code no}, the TuyaMCU state report of the value in force).
 *
 * @param ok    whether the command is in force
 * @param error why not (null when ok)
 */
public record Outcome(boolean ok, String error) {

    private static final Outcome OK = new Outcome(true, null);

    public Outcome {
        if (!ok && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a refused command needs a reason");
        }
        if (ok) {
            error = null;
        }
    }

    public static Outcome accepted() {
        return OK;
    }

    public static Outcome refused(String reason) {
        return new Outcome(false, reason);
    }
}
