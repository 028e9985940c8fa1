package io.gatehouse.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Asks the server's {@code /health} every {@code periodMillis} on a thread of its own, and
 * notes whether the process is still alive: the checks made, those that failed (no 200 within
 * 5 s), the slowest answer, and the first failure.
 */
final class HealthWatch implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final BooleanSupplier alive;
    private final long periodMillis;
    private final Thread thread;
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong slowestMicros = new AtomicLong();
    private volatile String firstFailure;
    private volatile boolean died;
    private volatile boolean stopping;

    HealthWatch(int httpPort, BooleanSupplier alive, long periodMillis) {
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(5)).build();
        this.alive = alive;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::watch, "soak-health");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!stopping) {
            if (!alive.getAsBoolean()) {
                died = true;
                fail("the server process exited");
                return;
            }
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    fail("/health answered " + r.statusCode());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                fail("/health: " + e);
            }
            checks.incrementAndGet();
            slowestMicros.accumulateAndGet((System.nanoTime() - start) / 1000, Math::max);
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void fail(String why) {
        failures.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = why;
        }
    }

    long checks() {
        return checks.get();
    }

    long failures() {
        return failures.get();
    }

    double slowestMillis() {
        return slowestMicros.get() / 1000.0;
    }

    String firstFailure() {
        return firstFailure;
    }

    boolean died() {
        return died || !alive.getAsBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
