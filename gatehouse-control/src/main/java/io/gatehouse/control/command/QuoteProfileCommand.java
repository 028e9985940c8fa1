package io.gatehouse.control.command;

import io.gatehouse.control.message.ControlPacket;

/**
 * cmd 4: the official SDK's quote connection asks for its profile right after auth and
 * reports itself connected once it gets status 0; an empty body is an all-defaults profile.
 */
final class QuoteProfileCommand {

    private static final byte[] EMPTY = new byte[0];

    private QuoteProfileCommand() {
    }

    static ControlPacket.Response handle(CommandContext context, ControlPacket.Request request) {
        return ControlPacket.Response.ok(request, EMPTY);
    }
}
