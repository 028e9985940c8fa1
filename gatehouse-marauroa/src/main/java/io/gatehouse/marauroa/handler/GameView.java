package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.message.MarauroaMessage.PerceptionMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.Transfer;
import io.gatehouse.marauroa.message.MarauroaMessage.TransferReq;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What one connection's player is shown of the game (docs/protocol/marauroa.md, section 9):
 * the turn loop's perceptions and content offers, and the content the client then asks for.
 * The turn loop calls it from its own thread; everything goes out on the connection's event
 * loop, and only while the connection plays.
 */
final class GameView implements GameLoop.Viewer {

    private final ClientLink link;
    private final BooleanSupplier playing;
    private final Runnable displaced;
    private final ContentOffers offered = new ContentOffers();
    /** Content went out since the last perception, so the next one is sent even when empty. */
    private boolean perceptionRequired;

    /** {@code playing}: whether the connection is in the game; {@code displaced} runs on its event loop. */
    GameView(ClientLink link, BooleanSupplier playing, Runnable displaced) {
        this.link = link;
        this.playing = playing;
        this.displaced = displaced;
    }

    @Override
    public void perceive(PerceptionMessage m) {
        link.onLoop(() -> {
            if (!playing.getAsBoolean()) {
                return;
            }
            // As Marauroa does: from version 34 an empty perception is not sent (its
            // timestamp is spent all the same), unless content went out since the last one.
            if (m.isEmpty() && link.version() >= MarauroaCodec.FIRST_WITH_OMITTABLE_PERCEPTIONS && !perceptionRequired) {
                return;
            }
            perceptionRequired = false;
            link.send(m);
        });
    }

    @Override
    public void offer(List<Content> contents) {
        link.onLoop(() -> {
            if (playing.getAsBoolean()) {
                offered.offer(contents);
                link.send(new TransferReq(contents));
                perceptionRequired = true;
            }
        });
    }

    @Override
    public void displaced() {
        link.onLoop(displaced);
    }

    /** C2S_TRANSFER_ACK, on the event loop: S2C_TRANSFER with the offered contents the client wants, if any. */
    void answered(Map<String, Boolean> wanted) {
        List<Content> send = offered.answer(wanted);
        if (!send.isEmpty()) {
            link.send(new Transfer(send));
            perceptionRequired = true;
        }
    }
}
