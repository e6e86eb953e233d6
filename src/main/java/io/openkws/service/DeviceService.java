package io.openkws.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What a front-end may see of the meter and ask of it.
 *
 * <p>Exists so the panel, the terminal console, MQTT, the web console and the TuyaMCU bridge are thin adapters
 * over one contract: none of them reaches into the control loop, and none imports another's types. Every method
 * returns at once and is safe from any thread; nothing a front-end does here can stop or delay protection.
 */
public interface DeviceService {

    /**
     * The latest consistent picture of the device. A view taken after an {@link Outcome} arrived reflects that
     * command's effect (and everything the controller did before it). Never null.
     */
    DeviceView view();

    /**
     * Hands {@code command} to the controller. The stage completes off the control thread: with
     * {@link Outcome#ok()} once the change is in force and, for a change that persists (settings, power-on state,
     * relay memory, resets), written to disk; or refused with a one-line reason. A full inbox is refused at once.
     */
    CompletionStage<Outcome> execute(DeviceCommand command);

    /**
     * Delivers every {@link DeviceEvent} from now on to {@code listener}, run on {@code executor} (never on the
     * control thread). A listener that throws is logged once and keeps receiving; a slow one only delays itself.
     */
    Subscription subscribe(Executor executor, Consumer<DeviceEvent> listener);

    /** Static facts: version, board, chip, calibration profile, the settings' specs. */
    DeviceInfo info();

    /** The LCD as the driver last wrote it, on boards with a panel. */
    Optional<Glass> glass();

    /**
     * A front-end reports its own health: {@code problem} null when {@code part} works, else a one-line reason
     * (shown in {@link DeviceView#degraded()}, in MQTT {@code state}, on the web console).
     */
    void reportHealth(String part, String problem);

    /** The LCD's {@code wifi} icon, as a network front-end (the TuyaMCU bridge) sees its link. */
    void showNetwork(NetworkIndicator indicator);

    /** A registration made by {@link #subscribe}. */
    interface Subscription extends AutoCloseable {
        /** Stops delivery; events already handed to the executor may still run. */
        @Override
        void close();
    }
}
