package io.sipwarden.sensor.ami;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code min} to {@code max}, each drawn uniformly from the upper
 * half of the current step ("equal jitter"), so many daemons restarted together do not reconnect
 * in lockstep, yet no delay is shorter than half the step.
 */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMs = Math.max(1, min.toMillis());
        this.maxMs = Math.max(minMs, max.toMillis());
        this.random = random;
    }

    Duration next() {
        long step = minMs << Math.min(attempt, 30);
        if (step <= 0 || step > maxMs) {
            step = maxMs;
        } else {
            attempt++;
        }
        long half = step / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(step - half + 1)));
    }

    void reset() {
        attempt = 0;
    }
}
