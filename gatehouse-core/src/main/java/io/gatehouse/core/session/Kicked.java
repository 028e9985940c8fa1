package io.gatehouse.core.session;

/**
 * What an operator's kick did: the session's front, and the answer its client was sent on the
 * wire ({@link Connection#answerTo}), or {@link #NOT_CONNECTED} for a resumable session that
 * had no live connection (it was only revoked).
 */
public record Kicked(String sessionId, String front, String answer) {

    public static final String NOT_CONNECTED = "none: not connected; the session can no longer be resumed";
}
