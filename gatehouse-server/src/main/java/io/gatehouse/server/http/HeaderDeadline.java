package io.gatehouse.server.http;

import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * {@code http.header_timeout} against slowloris: a connection must finish a request's headers
 * within the timeout, counted from when it opened or from the end of its previous exchange;
 * otherwise it is closed without an answer and counted in
 * {@code gatehouse_refused_total{front="http",reason="header_timeout"}}. Jetty's idle timeout
 * alone does not do this: a client sending one byte every few seconds is never idle. Added to
 * the connector as a bean, so that it hears of every connection and every request.
 */
final class HeaderDeadline implements Connection.Listener, HttpChannel.Listener {

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final Refusals refusals;
    private final ConcurrentHashMap<EndPoint, Scheduler.Task> deadlines = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout, Scheduler scheduler, Refusals refusals) {
        this.timeoutMillis = timeout.toMillis();
        this.scheduler = scheduler;
        this.refusals = refusals;
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection.getEndPoint());
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection.getEndPoint());
    }

    @Override
    public void onRequestBegin(Request request) {
        disarm(request.getHttpChannel().getEndPoint());
    }

    @Override
    public void onComplete(Request request) {
        EndPoint endPoint = request.getHttpChannel().getEndPoint();
        if (endPoint.isOpen()) {
            arm(endPoint);
        }
    }

    private void arm(EndPoint endPoint) {
        Scheduler.Task[] task = new Scheduler.Task[1];
        task[0] = scheduler.schedule(() -> expire(endPoint, task[0]), timeoutMillis, TimeUnit.MILLISECONDS);
        Scheduler.Task old = deadlines.put(endPoint, task[0]);
        if (old != null) {
            old.cancel();
        }
    }

    private void disarm(EndPoint endPoint) {
        Scheduler.Task t = deadlines.remove(endPoint);
        if (t != null) {
            t.cancel();
        }
    }

    private void expire(EndPoint endPoint, Scheduler.Task task) {
        if (!deadlines.remove(endPoint, task)) {
            return;
        }
        InetSocketAddress remote = endPoint.getRemoteAddress();
        String who = remote == null ? "?" : remote.getAddress().getHostAddress();
        refusals.refused(Refusal.HEADER_TIMEOUT, who, "no complete request headers within " + timeoutMillis + " ms; closed");
        endPoint.close();
    }
}
