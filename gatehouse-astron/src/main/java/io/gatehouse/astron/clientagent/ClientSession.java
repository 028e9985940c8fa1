package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.message.EjectCode;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;

/**
 * A Client Agent client after its CLIENT_HELLO, as the core's session registry sees it. Its
 * account is what a game server names with CLIENTAGENT_SET_CLIENT_ID: the client's channel,
 * shown as an unsigned number (games descended from Disney's OTP put the account in its high
 * 32 bits). Ending it from the core (an operator's kick) sends CLIENT_EJECT
 * {@link EjectCode#LOGGED_OUT_BY_ADMIN}, the code Astron games use for "logged out by
 * an administrator", with the core's words as the reason.
 */
final class ClientSession implements Connection {

    static final String FRONT = "astron";

    private final Client client;

    ClientSession(Client client) {
        this.client = client;
    }

    @Override
    public String front() {
        return FRONT;
    }

    @Override
    public String remoteAddress() {
        return client.link().remoteIp() + ":" + client.link().remotePort();
    }

    @Override
    public void close(CloseReason reason, String detail) {
        client.endFromCore(reason, detail);
    }

    @Override
    public String answerTo(CloseReason reason) {
        return reason == CloseReason.SERVER_SHUTDOWN
                ? "CLIENT_EJECT " + EjectCode.SERVER_SHUTDOWN.code()
                : "CLIENT_EJECT " + EjectCode.LOGGED_OUT_BY_ADMIN.code() + " (logged out by an administrator)";
    }
}
