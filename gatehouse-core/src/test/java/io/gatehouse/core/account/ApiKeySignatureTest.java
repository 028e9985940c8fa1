package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature of spec 8.1, computed step by step here and compared with the implementation. */
class ApiKeySignatureTest {

    private static final ApiKeySignature.Request REQ =
            new ApiKeySignature.Request("GET", "/v1/socket/token", "", "tok", "key1", "1700000000", new byte[0]);

    @Test
    void knownGoodRequestVerifies() throws Exception {
        String canonical = "GET|/v1/socket/token||authorization:tok\nx-api-key:key1\nx-timestamp:1700000000\n"
                + "|authorization;x-api-key;x-timestamp|";
        String toSign = "HMAC-SHA256|" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));

        assertThat(ApiKeySignature.signature(REQ, "s3cret")).isEqualTo(expected);
        String header = "HMAC-SHA256 SignedHeaders=authorization;x-api-key;x-timestamp, Signature=" + expected;
        assertThat(ApiKeySignature.header(REQ, "s3cret")).isEqualTo(header);
        assertThat(ApiKeySignature.verify(REQ, "s3cret", header)).isTrue();
    }

    @Test
    void tamperedRequestsFail() {
        String header = ApiKeySignature.header(REQ, "s3cret");
        assertThat(ApiKeySignature.verify(REQ, "other", header)).isFalse();
        var changed = new ApiKeySignature.Request("GET", "/v1/socket/token", "", "tok", "key1", "1700000001", new byte[0]);
        assertThat(ApiKeySignature.verify(changed, "s3cret", header)).isFalse();
        var withBody = new ApiKeySignature.Request("GET", "/v1/socket/token", "", "tok", "key1", "1700000000", new byte[] {1});
        assertThat(ApiKeySignature.verify(withBody, "s3cret", header)).isFalse();
        assertThat(ApiKeySignature.verify(REQ, "s3cret", "garbage")).isFalse();
        assertThat(ApiKeySignature.verify(REQ, "s3cret", null)).isFalse();
    }
}
