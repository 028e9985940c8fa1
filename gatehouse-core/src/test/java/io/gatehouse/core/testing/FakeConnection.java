package io.gatehouse.core.testing;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import java.util.ArrayList;
import java.util.List;

/** A connection with no socket that records how it was closed: for tests of the core's session rules. */
public final class FakeConnection implements Connection {

    private final String front;
    private final List<CloseReason> closes = new ArrayList<>();

    public FakeConnection() {
        this("test");
    }

    public FakeConnection(String front) {
        this.front = front;
    }

    @Override
    public String front() {
        return front;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:1";
    }

    @Override
    public synchronized void close(CloseReason reason, String detail) {
        closes.add(reason);
    }

    @Override
    public String answerTo(CloseReason reason) {
        return front + " says " + reason.tag();
    }

    /** The reasons it was closed with, in order. */
    public synchronized List<CloseReason> closes() {
        return List.copyOf(closes);
    }
}
