package io.gatehouse.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.bus.Bus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node alone's mail: its own open boxes get what is sent to them, in order; anything else goes nowhere. */
class NodeMailAloneTest {

    private final NodeMail mail = NodeMail.alone("solo");

    @Test
    void anOpenBoxOfThisNodeGetsItsMailInOrderAndNothingAfterItCloses() {
        List<Byte> got = new ArrayList<>();
        Bus.Subscription box = mail.open("box", p -> got.add(p[0]));
        mail.send("solo", "box", new byte[] {1});
        mail.send("solo", "box", new byte[] {2});
        mail.send("solo", "other box", new byte[] {3});
        mail.send("another node", "box", new byte[] {4});
        box.close();
        mail.send("solo", "box", new byte[] {5});
        assertThat(got).containsExactly((byte) 1, (byte) 2);
    }

    @Test
    void aBoxOpensOnceAtATime() {
        Bus.Subscription box = mail.open("box", p -> { });
        assertThatThrownBy(() -> mail.open("box", p -> { })).isInstanceOf(IllegalStateException.class);
        box.close();
        mail.open("box", p -> { }).close();
    }
}
