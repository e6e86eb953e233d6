package io.openkws.export.mqtt;

/**
 * The topic names of one device.
 *
 * <p>Exists so the exporter, Home Assistant discovery and the tests agree on every topic from one definition.
 */
public record Topics(String deviceId, String discoveryPrefix) {

    public String base() {
        return "openkws/" + deviceId + "/";
    }

    public String status() {
        return base() + "status";
    }

    public String state() {
        return base() + "state";
    }

    public String event() {
        return base() + "event";
    }

    public String result() {
        return base() + "result";
    }

    public String set(String name) {
        return base() + "set/" + name;
    }

    /** Subscription filter for every command of this device. */
    public String setFilter() {
        return base() + "set/#";
    }

    /** Where Home Assistant announces itself (its birth message, "online"). */
    public String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }

    public String discovery(String component, String objectId) {
        return discoveryPrefix + "/" + component + "/" + deviceId + "/" + objectId + "/config";
    }

    /** The command name of a topic under {@link #setFilter()}, or null for any other topic. */
    public String commandName(String topic) {
        String prefix = base() + "set/";
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : null;
    }
}
