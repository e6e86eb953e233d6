package io.openkws.export.mqtt;

import io.openkws.UserInput;

/**
 * MQTT that cannot be set up as configured: a TLS certificate or key file that is missing or unusable, an
 * embedded broker port already in use.
 *
 * <p>Exists so the MQTT front-end reports a setup problem as the user's to fix; {@code cli} maps it to one line
 * and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class MqttSetupException extends RuntimeException {
    public MqttSetupException(String message) {
        super(UserInput.bounded(message));
    }

    public MqttSetupException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
