package io.gatehouse.vcmi.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.Connection;
import io.gatehouse.vcmi.codec.LobbyReplyEncoder;
import io.gatehouse.vcmi.message.LobbyError;
import io.gatehouse.vcmi.message.LobbyReply;

/**
 * A greeted lobby user as the core's session registry sees it: the account shown is the
 * user's lobby name (vcmi has no accounts of Gatehouse's). Ending it from the core sends
 * {@code :>>ERROR:} with the reason's text, as the lobby ends every connection it refuses, then
 * runs the user's leaving (section 6) and closes the connection.
 */
final class LobbySession implements Connection {

    static final String FRONT = "vcmi";

    private final VcmiLobby lobby;
    private final LobbyClient client;

    LobbySession(VcmiLobby lobby, LobbyClient client) {
        this.lobby = lobby;
        this.client = client;
    }

    @Override
    public String front() {
        return FRONT;
    }

    @Override
    public String remoteAddress() {
        return client.address;
    }

    @Override
    public void close(CloseReason reason, String detail) {
        lobby.endFromCore(client, reason, answer(reason));
    }

    @Override
    public String answerTo(CloseReason reason) {
        return LobbyReplyEncoder.text(answer(reason));
    }

    /** The {@code :>>ERROR:} reply the lobby sends for a reason the core gives. */
    static LobbyReply.Error answer(CloseReason reason) {
        return switch (reason) {
            case KICKED -> LobbyError.KICKED_BY_OPERATOR.reply();
            case SERVER_SHUTDOWN -> LobbyError.SHUTTING_DOWN.reply();
            default -> LobbyError.DISCONNECTED.reply(reason.text());
        };
    }
}
