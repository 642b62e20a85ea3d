package io.sipwarden.detect;

import java.util.Arrays;

/**
 * "N events within a window" per source in one long per slot: window start (high 32 bits,
 * compact seconds) and count (low 32). The window is anchored at the first event of a burst and
 * restarts after it ends or after the rule fired, so detection is at most one window late and
 * never needs a list of timestamps.
 */
final class WindowCounter implements Detector.Columns {
    private final int threshold;
    private final int window;
    private long[] state = new long[0];

    WindowCounter(int threshold, int windowSeconds) {
        this.threshold = threshold;
        this.window = windowSeconds;
    }

    /**
     * Counts one event at {@code now}; returns the window start (compact seconds) when the
     * threshold is reached (and restarts the count), or {@link Integer#MIN_VALUE} otherwise.
     */
    int count(int slot, int now) {
        long st = state[slot];
        int start = (int) (st >>> 32);
        int count = (int) st;
        if (count == 0 || now - start >= window) {
            start = now;
            count = 0;
        }
        count++;
        if (count >= threshold) {
            state[slot] = 0;
            return start;
        }
        state[slot] = ((long) start << 32) | (count & 0xFFFF_FFFFL);
        return Integer.MIN_VALUE;
    }

    int threshold() {
        return threshold;
    }

    @Override
    public void grow(int capacity) {
        state = Arrays.copyOf(state, capacity);
    }

    @Override
    public void clear(int slot) {
        state[slot] = 0;
    }
}
