package io.sipwarden.engine;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.EventSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live engine: sensors hand events to {@link #accept} (any thread, never blocks), a bounded
 * queue carries them to one detection thread that processes them in order and ends a batch
 * whenever the queue runs dry (so decisions reach the kernel within milliseconds, in batches
 * under load). When the queue is full, events are dropped and counted rather than stalling a
 * sensor (an AMI reader that stalls gets disconnected by Asterisk).
 */
public final class Pipeline implements EventSink, AutoCloseable {
    private static final Logger LOG = System.getLogger(Pipeline.class.getName());
    private static final int BATCH = 1024;

    private final Engine engine;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final List<Runnable> periodic = new ArrayList<>();
    private volatile boolean running;
    /** Set under this pipeline's lock, which {@link #run} holds while it checks and queues. */
    private boolean closing;
    private long lastDropLog;
    private final long stopWaitMillis;

    public Pipeline(Engine engine, int capacity) {
        this(engine, capacity, 10_000);
    }

    /** @param stopWaitMillis how long {@link #close} waits for the queue to be processed */
    Pipeline(Engine engine, int capacity, long stopWaitMillis) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.stopWaitMillis = stopWaitMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("sipwarden-detect").daemon(false).unstarted(this::loop);
    }

    /** A task run on the detection thread about once a second (reconcile, status, expiry). */
    public void every(Runnable task) {
        periodic.add(task);
    }

    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void accept(SecurityEvent event) {
        if (event == null) {
            return;
        }
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropLog > 10_000_000_000L) {
                lastDropLog = now;
                LOG.log(Level.ERROR, "event queue full ({0} events): {1} events dropped so far; detection cannot keep up",
                        queue.size(), n);
            }
        }
    }

    /**
     * Runs {@code task} with the engine on the detection thread (e.g. a manual ban that must be
     * ordered with the events). False, and not run, when the queue is full or the pipeline is
     * closing: a task queued after the detection thread's last look at the queue would never run.
     */
    public synchronized boolean run(Consumer<Engine> task) {
        return !closing && queue.offer(task);
    }

    /** An action to run after the events queued before it, and their decisions, are handed on. */
    private record AfterPrevious(Runnable action) {
    }

    /**
     * Queued behind the events accepted so far and run after the batch holding it has ended, when
     * the decisions of those events are with the store's writer: a cursor saved this way is
     * committed no earlier than the bans its lines caused. Dropped (the cursor lags) when the queue
     * is full or the pipeline is closing.
     */
    @Override
    public synchronized void afterPrevious(Runnable action) {
        if (!closing) {
            queue.offer(new AfterPrevious(action));
        }
    }

    /** True on the detection thread, where the engine's state may be read directly. */
    public boolean isDetectionThread() {
        return Thread.currentThread() == thread;
    }

    /** Whether the detection thread is processing (started and not yet finished). */
    public boolean isAlive() {
        return thread.isAlive();
    }

    public long dropped() {
        return dropped.get();
    }

    public int depth() {
        return queue.size();
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        List<Object> batch = new ArrayList<>(BATCH);
        List<Runnable> afterBatch = new ArrayList<>();
        long lastTick = System.nanoTime();
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    for (Object o : batch) {
                        if (o instanceof SecurityEvent e) {
                            engine.process(e);
                        } else if (o instanceof AfterPrevious a) {
                            afterBatch.add(a.action());
                        } else {
                            try {
                                ((Consumer<Engine>) o).accept(engine);
                            } catch (RuntimeException ex) {
                                LOG.log(Level.ERROR, "engine task failed: " + ex, ex);
                            }
                        }
                    }
                    batch.clear();
                    engine.endBatch();
                    for (Runnable r : afterBatch) {
                        try {
                            r.run();
                        } catch (RuntimeException ex) {
                            LOG.log(Level.ERROR, "after-batch task failed: " + ex, ex);
                        }
                    }
                    afterBatch.clear();
                }
                if (System.nanoTime() - lastTick > 1_000_000_000L) {
                    lastTick = System.nanoTime();
                    for (Runnable r : periodic) {
                        try {
                            r.run();
                        } catch (RuntimeException ex) {
                            LOG.log(Level.ERROR, "periodic task failed: " + ex, ex);
                        }
                    }
                }
            } catch (InterruptedException ie) {
                if (!running) {
                    continue; // drain what is left, then stop
                }
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "detection loop error (continuing): " + t, t);
                batch.clear();
                afterBatch.clear(); // their events may not all have been processed: positions stay behind
            }
        }
        engine.endBatch();
    }

    /**
     * Stops taking work, processes what is queued, and waits for the thread (up to 10 s). A thread
     * still busy after that is said loudly: the daemon closes the store next, so decisions the
     * thread still makes may never be stored, and the followed logs' cursors already cover the
     * events still queued.
     */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            running = false;
        }
        try {
            thread.join(stopWaitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.ERROR, "detection thread still busy {0} ms after stop was asked, {1} events and tasks "
                    + "still queued and not processed: decisions made from now on may not be stored or enforced",
                    stopWaitMillis, queue.size());
        }
    }

    /** Whether the detection thread has ended (after {@link #close}: everything queued was processed). */
    boolean stopped() {
        return !thread.isAlive();
    }
}
