package io.gatehouse.client.control;

import io.gatehouse.control.message.Close;

/**
 * How the server ended the connection: the Close push it sent (null if none came), and on
 * WebSocket the close frame's status (-1 if none came).
 */
public record ClosedBy(Close close, int webSocketStatus) {
}
