package io.gatehouse.control.message;

/** Body of the Close push (cmd 0, spec 7.2); {@code code} is kept as a number so unknown codes survive. */
public record Close(int code, String reason) {

    public Close(CloseCode code, String reason) {
        this(code.wire(), reason);
    }
}
