package io.gatehouse.core.cluster;

/**
 * A message a connection asked to be sent when it goes, as a front filed it: {@code owner}
 * names the connection within its node's run, {@code group} what the front files it under
 * (astron: the sender channel of a post-remove), {@code body} the front's bytes.
 */
public record Will(long owner, long group, byte[] body) {
}
