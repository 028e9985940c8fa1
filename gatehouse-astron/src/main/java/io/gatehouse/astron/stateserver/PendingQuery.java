package io.gatehouse.astron.stateserver;

import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.message.StateServerMessageType;

/**
 * A question the DBSS asked the database for a caller: the answer it owes ({@code answer}, its
 * head already written) and the object it is about. Routing thread only.
 */
record PendingQuery(StateServerMessageType answerType, Datagram answer, long doId) {
}
