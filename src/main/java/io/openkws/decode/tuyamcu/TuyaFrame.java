package io.openkws.decode.tuyamcu;

import io.openkws.decode.DecodeEvent;
import io.openkws.decode.Direction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One TuyaMCU frame ({@code 55 AA ver cmd lenH lenL data... sum}) as found in a capture.
 *
 * <p>{@code direction} is null when the capture does not say who sent it. {@code dps} holds the decoded data
 * points of a state frame (send command 0x06, status report 0x07) whose checksum is good; it is empty for other
 * frames and for frames with a bad checksum, whose data is not trusted. {@code dpError} says why the data points
 * stopped decoding early (a length running past the data, an unknown type), or is empty.
 */
public record TuyaFrame(int line, OptionalDouble timeSeconds, Direction direction, int version, int command,
        byte[] data, int checksum, int expectedChecksum, List<TuyaDp> dps, Optional<String> dpError)
        implements DecodeEvent {

    public TuyaFrame {
        data = data.clone();
        dps = List.copyOf(dps);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean checksumOk() {
        return checksum == expectedChecksum;
    }

    public String commandName() {
        return TuyaCommand.name(command);
    }

    /** The product information an MCU sends in answer to command 0x01, when this frame is one. */
    public Optional<ProductInfo> productInfo() {
        if (command != TuyaCommand.PRODUCT_INFO || data.length == 0 || !checksumOk() || direction == Direction.WIFI) {
            return Optional.empty();
        }
        return Optional.of(ProductInfo.parse(data));
    }
}
