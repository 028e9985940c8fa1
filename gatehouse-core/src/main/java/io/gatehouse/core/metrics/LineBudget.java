package io.gatehouse.core.metrics;

import java.util.function.LongSupplier;

/**
 * How many INFO lines a source of client-caused log lines may write a second. A line over the
 * budget is held back (the caller writes it at DEBUG); the number held back is handed to the
 * next line that fits, so that it can say how many were left out.
 */
final class LineBudget {

    /** {@link #take} answers this when the line is over the budget. */
    static final long OVER = -1;

    private final LongSupplier nowMillis;
    private final int maxLinesPerSecond;
    private boolean windowOpen;
    private long windowStart;
    private int linesInWindow;
    private long heldBack;

    LineBudget(LongSupplier nowMillis, int maxLinesPerSecond) {
        if (maxLinesPerSecond < 1) {
            throw new IllegalArgumentException("maxLinesPerSecond " + maxLinesPerSecond + " (must be at least 1)");
        }
        this.nowMillis = nowMillis;
        this.maxLinesPerSecond = maxLinesPerSecond;
    }

    /** {@link #OVER} when no INFO line may be written now; else the number of lines held back before this one. */
    synchronized long take() {
        long now = nowMillis.getAsLong();
        if (!windowOpen || now - windowStart >= 1000 || now < windowStart) {
            windowOpen = true;
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= maxLinesPerSecond) {
            heldBack++;
            return OVER;
        }
        linesInWindow++;
        long held = heldBack;
        heldBack = 0;
        return held;
    }
}
