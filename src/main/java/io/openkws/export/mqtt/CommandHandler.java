package io.openkws.export.mqtt;

import java.util.concurrent.CompletionStage;

/**
 * The controller's side of MQTT commands.
 *
 * <p>Exists so the exporter stays ignorant of the controller: it delivers validated {@link Command}s and
 * publishes whatever outcome comes back. {@link #handle} is called on the exporter's own thread and must not
 * block: hand the command to the control loop and complete the stage from there. An outcome that does not arrive
 * within {@link MqttExporter.Tuning#commandTimeoutSeconds()} (5 s by default) is answered as a timeout.
 */
@FunctionalInterface
public interface CommandHandler {

    CompletionStage<CommandOutcome> handle(Command command);
}
