package io.gatehouse.astron.md;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** For tests: work done on a Message Director's routing thread, its answer (or what it threw) handed back. */
public final class RoutingThread {

    private RoutingThread() {
    }

    /** Runs {@code task} on the director's routing thread, after everything queued there before it. */
    public static <T> T call(MessageDirector md, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        md.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw (Error) e.getCause();
        }
    }
}
