package io.gatehouse.control.message;

/** The connection's opening (section 4): protocol version, body codec and client platform. */
public record Handshake(int version, int codec, int platform) implements ControlMessage {

    public static final int VERSION_1 = 1;
    public static final int CODEC_PROTOBUF = 1;
    public static final int MAX_PLATFORM = 9;

    /** Null when acceptable, else the reason it is not. */
    public String problem() {
        if (version != VERSION_1) {
            return "protocol version " + version + " (expected 1)";
        }
        if (codec != CODEC_PROTOBUF) {
            return "codec " + codec + " (expected 1, protobuf)";
        }
        if (platform < 0 || platform > MAX_PLATFORM) {
            return "platform " + platform + " (expected 0 to 9)";
        }
        return null;
    }
}
