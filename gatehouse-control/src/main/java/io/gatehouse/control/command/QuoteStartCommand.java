package io.gatehouse.control.command;

import io.gatehouse.control.message.ControlPacket;

/**
 * What the official SDK's quote connection asks right after auth, before it reports itself
 * connected: cmd 4, its quote profile, then cmd 9, the trading days of HK, US, SG and CN.
 * It gives up on any status but 0. Gatehouse has no quotes, so both get status 0 and an empty
 * body: an all-defaults {@code UserQuoteProfileResponse}, a {@code MarketTradeDayResponse}
 * with no days. The request body is not read.
 */
final class QuoteStartCommand {

    private static final byte[] EMPTY = new byte[0];

    private QuoteStartCommand() {
    }

    static ControlPacket.Response handle(CommandContext context, ControlPacket.Request request) {
        return ControlPacket.Response.ok(request, EMPTY);
    }
}
