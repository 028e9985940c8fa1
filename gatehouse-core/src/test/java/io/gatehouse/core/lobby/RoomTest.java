package io.gatehouse.core.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomTest {

    @Test
    void joinRespectsTheTotalAndTheHostNeverLeaves() {
        Room<String> r = new Room<>("castle", "alice");
        assertThat(r.join("bob")).as("total is 1 until set").isFalse();
        r.total(2);
        assertThat(r.join("bob")).isTrue();
        assertThat(r.join("bob")).isFalse();
        assertThat(r.join("carol")).as("full").isFalse();
        assertThat(r.players()).containsExactly("alice", "bob");
        assertThat(r.leave("alice")).isFalse();
        assertThat(r.leave("bob")).isTrue();
        assertThat(r.joined()).isEqualTo(1);
    }

    @Test
    void passwordsAndMods() {
        Room<String> r = new Room<>("castle", "alice");
        assertThat(r.isProtected()).isFalse();
        assertThat(r.passwordMatches("anything")).isTrue();
        r.password("pw");
        assertThat(r.passwordMatches("pw")).isTrue();
        assertThat(r.passwordMatches("nope")).isFalse();
        r.putMod("b", "1");
        r.putMod("a", "2");
        r.putMod("b", "3");
        assertThat(r.mods()).containsExactly(java.util.Map.entry("b", "3"), java.util.Map.entry("a", "2"));
    }
}
