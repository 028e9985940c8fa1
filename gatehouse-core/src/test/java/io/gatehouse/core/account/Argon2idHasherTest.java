package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

    private final Argon2idHasher hasher = new Argon2idHasher(256, 2, 1);

    @Test
    void hashIsPhcStringThatVerifies() {
        String h = hasher.hash("correct horse".toCharArray());
        assertThat(h).startsWith("$argon2id$v=19$m=256,t=2,p=1$");
        assertThat(hasher.verify("correct horse".toCharArray(), h)).isTrue();
        assertThat(hasher.verify("correct horsf".toCharArray(), h)).isFalse();
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
    }

    @Test
    void verifiesHashesMadeWithOtherCosts() {
        String old = new Argon2idHasher(64, 1, 1).hash("pw".toCharArray());
        assertThat(hasher.verify("pw".toCharArray(), old)).isTrue();
    }

    @Test
    void malformedStoredHashNeverVerifies() {
        assertThat(hasher.verify("x".toCharArray(), "not a hash")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$c2FsdA")).isFalse();
    }
}
