package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.server.ServerTestBase;
import io.gatehouse.server.TestServer.Transport;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the official SDK's quote connection (longport 3.0.x, {@code QuoteContext.new}) asks
 * right after its auth, request by request as it sends them; it gives up on the first answer
 * whose status is not 0.
 */
class ControlQuoteStartTest extends ServerTestBase {

    /** cmd 4, {@code UserQuoteProfileRequest{language = "en"}}. */
    private static final byte[] PROFILE_REQUEST = hex("0A 02 65 6E");

    /** cmd 9, {@code MarketTradeDayRequest{market, beg_day = "20261126", end_day = "20261226"}}, one per market. */
    private static final Map<String, byte[]> TRADING_DAYS_REQUESTS = Map.of(
            "HK", hex("0A 02 48 4B 12 08 32 30 32 36 31 31 32 36 1A 08 32 30 32 36 31 32 32 36"),
            "US", hex("0A 02 55 53 12 08 32 30 32 36 31 31 32 36 1A 08 32 30 32 36 31 32 32 36"),
            "SG", hex("0A 02 53 47 12 08 32 30 32 36 31 31 32 36 1A 08 32 30 32 36 31 32 32 36"),
            "CN", hex("0A 02 43 4E 12 08 32 30 32 36 31 31 32 36 1A 08 32 30 32 36 31 32 32 36"));

    private static final int SDK_TIMEOUT_FIELD = 30000;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void profileThenTradingDaysOfEveryMarketAnswerStatus0(Transport t) {
        try (ControlClient c = server.authed(t, "quote")) {
            ControlPacket.Response profile = c.request(4, PROFILE_REQUEST, SDK_TIMEOUT_FIELD).join();
            assertThat(profile.status()).isZero();
            assertThat(profile.body()).as("an all-defaults UserQuoteProfileResponse").isEmpty();
            for (String market : new String[] {"HK", "US", "SG", "CN"}) {
                ControlPacket.Response days = c.request(9, TRADING_DAYS_REQUESTS.get(market), SDK_TIMEOUT_FIELD).join();
                assertThat(days.cmd()).isEqualTo(9);
                assertThat(days.status()).as("trading days of %s", market).isZero();
                assertThat(days.body()).as("a MarketTradeDayResponse with no days").isEmpty();
            }
            assertThat(c.isOpen()).isTrue();
        }
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
