package io.openkws.decode.tuyamcu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The product information an MCU answers to command 0x01: a JSON object such as
 * {@code {"p":"tadm13agjigbdtxd","v":"0.2.1","m":2}} (p = Tuya product id, v = MCU firmware version, m = working
 * mode), or on old firmware a plain string.
 *
 * <p>Exists because the product id tells which data-point table applies (tadm13agjigbdtxd = KWS-302WF).
 */
public record ProductInfo(String text, Optional<JsonNode> json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ProductInfo parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Optional<JsonNode> json = Optional.empty();
        if (text.trim().startsWith("{")) {
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node != null && node.isObject()) {
                    json = Optional.of(node);
                }
            } catch (JsonProcessingException e) {
                json = Optional.empty();
            }
        }
        return new ProductInfo(text, json);
    }

    /** The Tuya product id ({@code p}), when the information is JSON and has one. */
    public Optional<String> productId() {
        return field("p");
    }

    /** The MCU firmware version ({@code v}). */
    public Optional<String> firmwareVersion() {
        return field("v");
    }

    /** The working mode ({@code m}): 0 default, 1 low power, 2 special. */
    public Optional<String> mode() {
        return field("m");
    }

    /** The JSON re-serialised compactly, or the raw text when it is not JSON. */
    public String compact() {
        return json.map(JsonNode::toString).orElse(text);
    }

    private Optional<String> field(String name) {
        return json.map(j -> j.get(name)).filter(n -> n != null && !n.isNull()).map(JsonNode::asText);
    }
}
