package io.sipwarden.sensor.ami;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.EventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A test sink that keeps what it receives and lets a test wait, bounded in time, for it. */
final class Collector implements EventSink {
    private final List<SecurityEvent> events = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();

    @Override
    public synchronized void accept(SecurityEvent event) {
        events.add(event);
        nanos.add(System.nanoTime());
        notifyAll();
    }

    synchronized List<SecurityEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<Long> arrivalNanos() {
        return List.copyOf(nanos);
    }

    /** Waits until {@code done} holds for the events received so far; returns whether it did. */
    synchronized boolean await(Predicate<List<SecurityEvent>> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(events)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    boolean awaitCount(int n, Duration timeout) throws InterruptedException {
        return await(l -> l.size() >= n, timeout);
    }

    /** Waits for a condition outside the collector (client state), polling. */
    static boolean eventually(java.util.function.BooleanSupplier cond, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
