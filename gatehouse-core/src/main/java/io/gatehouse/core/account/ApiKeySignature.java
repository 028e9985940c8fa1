package io.gatehouse.core.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed API-key request of spec section 8.1, as the official SDK sends it for the
 * socket token: an HMAC-SHA256 over the SHA-1 of a canonical request made of the method,
 * path, query, the three signed headers and (when there is one) the SHA-1 of the body.
 */
public final class ApiKeySignature {

    public static final String SIGNED_HEADERS = "authorization;x-api-key;x-timestamp";
    private static final Pattern HEADER =
            Pattern.compile("HMAC-SHA256 SignedHeaders=authorization;x-api-key;x-timestamp, Signature=([0-9a-f]{64})");
    private static final HexFormat HEX = HexFormat.of();

    private ApiKeySignature() {
    }

    /** The request parts the signature covers. {@code body} may be empty. */
    public record Request(String method, String path, String query, String authorization, String apiKey, String timestamp, byte[] body) {
    }

    /** The lower-case hex signature of a request under a secret. */
    public static String signature(Request r, String appSecret) {
        String canonical = r.method() + "|" + r.path() + "|" + r.query() + "|"
                + "authorization:" + r.authorization() + "\n"
                + "x-api-key:" + r.apiKey() + "\n"
                + "x-timestamp:" + r.timestamp() + "\n"
                + "|" + SIGNED_HEADERS + "|"
                + (r.body().length > 0 ? sha1Hex(r.body()) : "");
        String toSign = "HMAC-SHA256|" + sha1Hex(canonical.getBytes(StandardCharsets.UTF_8));
        return hmacHex(appSecret, toSign);
    }

    /** The full {@code X-Api-Signature} header value. */
    public static String header(Request r, String appSecret) {
        return "HMAC-SHA256 SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature(r, appSecret);
    }

    /** True when {@code headerValue} is the right signature header for the request; constant-time compare. */
    public static boolean verify(Request r, String appSecret, String headerValue) {
        if (headerValue == null) {
            return false;
        }
        Matcher m = HEADER.matcher(headerValue.trim());
        if (!m.matches()) {
            return false;
        }
        byte[] expected = signature(r, appSecret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }

    private static String hmacHex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
