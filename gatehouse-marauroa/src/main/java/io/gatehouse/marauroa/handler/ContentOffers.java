package io.gatehouse.marauroa.handler;

import io.gatehouse.marauroa.game.Content;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static content one connection was offered (S2C_TRANSFER_REQ) and has not answered for
 * yet. C2S_TRANSFER_ACK names what the client wants: those are sent, and every answered offer,
 * wanted or not, is forgotten; an offer of the same name again replaces the older one.
 */
final class ContentOffers {

    private final Map<String, Content> offered = new LinkedHashMap<>();

    void offer(List<Content> contents) {
        contents.forEach(c -> offered.put(c.name(), c));
    }

    /** The offered contents the answer wants, in the answer's order; names never offered are ignored. */
    List<Content> answer(Map<String, Boolean> wanted) {
        List<Content> send = new ArrayList<>();
        wanted.forEach((name, yes) -> {
            Content c = offered.remove(name);
            if (c != null && yes) {
                send.add(c);
            }
        });
        return send;
    }
}
