package io.gatehouse.control.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.store.StoreBusyException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * An auth the group committer refused for its full queue is answered "server busy, retry
 * later" without a log line of its own, however deep the completion wraps it; any other
 * failure stays an internal error, logged.
 */
class StoreBusyAnswerTest {

    @Test
    void aFullWriteQueueIsBusyWhereverItSitsInTheChain() {
        StoreBusyException full = new StoreBusyException(10_000);
        assertThat(ControlConnectionHandler.busy(full)).isTrue();
        assertThat(ControlConnectionHandler.busy(new CompletionException(full))).isTrue();
        assertThat(ControlConnectionHandler.busy(new CompletionException(new CompletionException(full)))).isTrue();
        assertThat(ControlConnectionHandler.busy(new CompletionException(new IllegalStateException("broken")))).isFalse();
    }
}
