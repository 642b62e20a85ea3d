package io.sipwarden.sensor.ami;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.EventSink;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue between a socket reader and the engine: {@link #accept} never blocks (when
 * the queue is full the event is dropped, counted and logged at most every 10 s), and a
 * daemon thread delivers to the downstream sink. An exception from downstream is logged and
 * counted, never propagated to the reader.
 */
public final class QueueingSink implements EventSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueueingSink.class.getName());
    private static final long DROP_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final EventSink downstream;
    /** Events, and the actions of {@link #afterPrevious} in order with them. */
    private final BlockingQueue<Object> queue;
    private final Thread drainer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastDropLog = System.nanoTime() - DROP_LOG_NANOS;
    private volatile boolean closed;

    public QueueingSink(String name, int capacity, EventSink downstream) {
        this.name = name;
        this.downstream = downstream;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drainer = Thread.ofPlatform().daemon().name("sink-" + name).start(this::drain);
    }

    @Override
    public void accept(SecurityEvent event) {
        if (queue.offer(event)) {
            accepted.incrementAndGet();
            return;
        }
        long d = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastDropLog >= DROP_LOG_NANOS) {
            lastDropLog = now;
            LOG.log(Level.WARNING, "{0}: event queue full ({1} events), {2} events dropped so far: the engine is not "
                    + "keeping up", name, queue.size(), d);
        }
    }

    /** Queued in order with the events and handed to the downstream sink when they have been. */
    @Override
    public void afterPrevious(Runnable action) {
        queue.offer(action); // dropped when full, like an event: the position is committed later
    }

    private void drain() {
        while (!closed || !queue.isEmpty()) {
            Object e;
            try {
                e = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                if (closed) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            }
            if (e == null) {
                continue;
            }
            try {
                if (e instanceof Runnable action) {
                    downstream.afterPrevious(action);
                    continue;
                }
                downstream.accept((SecurityEvent) e);
                delivered.incrementAndGet();
            } catch (RuntimeException ex) {
                failed.incrementAndGet();
                LOG.log(Level.ERROR, name + ": the event sink failed on one event; continuing", ex);
            }
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public int queued() {
        return queue.size();
    }

    /** Delivers what is queued (up to 5 s), then stops the drainer. */
    @Override
    public void close() {
        closed = true;
        try {
            drainer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
