package io.openkws.export.mqtt;

/**
 * The controller's answer to a {@link Command}, published on the {@code result} topic.
 *
 * <p>Exists so a refusal by the engine (e.g. relay ON while the voltage is unhealthy) reaches the user with its
 * reason instead of disappearing.
 */
public record CommandOutcome(boolean ok, String error) {

    private static final CommandOutcome OK = new CommandOutcome(true, null);

    public CommandOutcome {
        if (!ok && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a refused command needs a reason");
        }
        if (ok) {
            error = null;
        }
    }

    public static CommandOutcome accepted() {
        return OK;
    }

    public static CommandOutcome refused(String reason) {
        return new CommandOutcome(false, reason);
    }
}
