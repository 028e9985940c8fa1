package io.gatehouse.astron.clientagent;

/**
 * An object every client may address without seeing it first (astrond's {@code uberdogs}).
 *
 * @param id        its object id
 * @param className its dclass
 * @param anonymous whether clients that are not yet ESTABLISHED may send it updates
 */
public record Uberdog(long id, String className, boolean anonymous) {
}
