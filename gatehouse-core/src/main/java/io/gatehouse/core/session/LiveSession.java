package io.gatehouse.core.session;

/** A session bound to a live connection, as the sessions API lists it. */
public record LiveSession(Session session, String remoteAddress, long sinceMillis) {
}
