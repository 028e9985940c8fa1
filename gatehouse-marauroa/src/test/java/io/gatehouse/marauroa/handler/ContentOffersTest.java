package io.gatehouse.marauroa.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.marauroa.game.Content;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentOffersTest {

    private static Content content(String name) {
        return new Content(name, 1, new byte[] {1}, true);
    }

    @Test
    void anAnswerGetsWhatItWantsOfWhatWasOfferedAndEndsEveryOfferItAnswers() {
        ContentOffers offers = new ContentOffers();
        Content map = content("map");
        Content tiles = content("tiles");
        offers.offer(List.of(map, tiles));
        Map<String, Boolean> answer = new LinkedHashMap<>();
        answer.put("tiles", true);
        answer.put("map", false);
        answer.put("never-offered", true);
        assertThat(offers.answer(answer)).containsExactly(tiles);
        assertThat(offers.answer(Map.of("map", true, "tiles", true))).as("both were answered already").isEmpty();
    }

    @Test
    void anOfferOfTheSameNameReplacesTheOlderOne() {
        ContentOffers offers = new ContentOffers();
        offers.offer(List.of(content("map")));
        Content newer = new Content("map", 2, new byte[] {2}, true);
        offers.offer(List.of(newer));
        assertThat(offers.answer(Map.of("map", true))).containsExactly(newer);
    }
}
