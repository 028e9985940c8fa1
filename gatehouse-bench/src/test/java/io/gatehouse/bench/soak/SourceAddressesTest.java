package io.gatehouse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No source address gets more than its share, 127.0.0.1 is left alone, and players and abusers never share an address. */
class SourceAddressesTest {

    @Test
    void fillsEachAddressUpToItsShareThenTheNext() {
        SourceAddresses s = SourceAddresses.abusive(2);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(s.acquire().getHostString());
        }
        assertThat(got).containsExactly("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3", "127.0.0.4");
    }

    @Test
    void aReleasedPlaceIsTakenAgainFirst() {
        SourceAddresses s = SourceAddresses.abusive(1);
        InetSocketAddress first = s.acquire();
        InetSocketAddress second = s.acquire();
        s.release(first);
        assertThat(s.heldOn(first)).isZero();
        assertThat(s.acquire()).isEqualTo(first);
        assertThat(s.heldOn(second)).isEqualTo(1);
    }

    @Test
    void noAddressIsLeftWhenAllAreFull() {
        SourceAddresses s = SourceAddresses.abusive(1);
        for (int i = 2; i <= 254; i++) {
            assertThat(s.acquire()).isNotNull();
        }
        assertThat(s.acquire()).isNull();
    }

    @Test
    void playersHaveTheirOwnAddresses() {
        SourceAddresses players = SourceAddresses.players(1);
        assertThat(players.acquire().getHostString()).isEqualTo("127.0.1.1");
        assertThat(players.acquire().getHostString()).isEqualTo("127.0.1.2");
        for (int i = 3; i <= 254; i++) {
            assertThat(players.acquire().getHostString()).startsWith("127.0.1.");
        }
        assertThat(players.acquire()).isNull();
    }

    @Test
    void releasingMoreThanAcquiredIsABug() {
        SourceAddresses s = SourceAddresses.abusive(3);
        InetSocketAddress a = s.acquire();
        s.release(a);
        assertThatThrownBy(() -> s.release(a)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SourceAddresses.abusive(0)).hasMessage("connections per source address 0 (min 1)");
    }
}
