package io.gatehouse.client.control;

import io.gatehouse.control.message.ErrorBody;

/** The server answered a request with a status other than 0. */
public final class ControlException extends RuntimeException {

    private final int status;
    private final ErrorBody error;

    public ControlException(int status, ErrorBody error) {
        super("status " + status + ": " + error.code() + " " + error.msg());
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ErrorBody error() {
        return error;
    }
}
