package io.gatehouse.marauroa.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireIdsTest {

    private enum Sparse { A, B, C }

    @Test
    void aTableFindsEachConstantByItsIdAndHasHolesElsewhere() {
        Sparse[] table = WireIds.table(Sparse.values(), s -> s.ordinal() * 2);
        assertThat(table).containsExactly(Sparse.A, null, Sparse.B, null, Sparse.C);
    }

    @Test
    void twoConstantsWithOneIdAreRefused() {
        assertThatThrownBy(() -> WireIds.table(Sparse.values(), s -> s == Sparse.C ? 0 : s.ordinal()))
                .isInstanceOf(IllegalStateException.class).hasMessage("C and A share the wire id 0");
    }

    @Test
    void aNegativeIdIsRefused() {
        assertThatThrownBy(() -> WireIds.table(Sparse.values(), s -> -1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReasonCodesAreMarauroasNumbers() {
        assertThat(LoginNackReason.TOO_MANY_TRIES_IP.code()).isEqualTo(9);
        assertThat(LoginNackReason.byCode(11)).isEqualTo(LoginNackReason.ACCOUNT_MERGED);
        assertThat(AccountResult.FAILED_TOO_MANY.code()).isEqualTo(13);
        assertThat(AccountResult.byCode(15)).isEqualTo(AccountResult.FAILED_CREATE_ON_MAIN_INSTEAD);
        assertThat(AccountResult.byCode(16)).isNull();
    }
}
