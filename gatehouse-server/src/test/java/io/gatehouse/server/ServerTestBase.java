package io.gatehouse.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TestServer} around every test; subclasses may change its control section. */
public abstract class ServerTestBase {

    protected TestServer server;

    /** Extra lines for the control section, each indented two spaces. */
    protected String controlConfig() {
        return "";
    }

    /** Extra lines for the vcmi section, each indented two spaces. */
    protected String vcmiConfig() {
        return "";
    }

    @BeforeEach
    void startServer() {
        server = TestServer.start(controlConfig(), vcmiConfig());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Replaces the running server by one with this control section. */
    protected void restart(String controlExtra) {
        server.close();
        server = TestServer.start(controlExtra);
    }
}
