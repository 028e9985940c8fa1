package io.gatehouse.core.session;

/**
 * A connection that is a player to an operator, on any front, as the sessions API lists it.
 * {@code accountId} is the Gatehouse account's id, null where the front's accounts are not
 * Gatehouse's (astron) or not known yet; {@code account} is the name shown for it, null while
 * nobody has named one. {@code expiresAtMillis} is set only for sessions a client can resume
 * with a reconnect (control's), null for the others, which end with their connection.
 * {@code node} is the name of the node whose connection it is ({@code cluster.node}).
 */
public record LiveSession(String id, String front, Long accountId, String account, String address, long sinceMillis,
                          Long expiresAtMillis, String node) {
}
