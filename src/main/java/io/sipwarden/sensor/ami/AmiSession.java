package io.sipwarden.sensor.ami;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected AMI socket: sends actions from any thread and matches the frames the reader
 * thread hands it to the pending actions by {@code ActionID}. Closing it fails every pending
 * action, so no caller waits for an answer that cannot come.
 */
final class AmiSession implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final AmiFrameReader reader;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Pending {
        final CompletableFuture<AmiResponse> future = new CompletableFuture<>();
        final long sentNanos = System.nanoTime();
        AmiFrame response;
        List<AmiFrame> items;
    }

    AmiSession(Socket socket, String idPrefix) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new AmiFrameReader(socket.getInputStream());
        this.idPrefix = idPrefix;
    }

    AmiFrameReader reader() {
        return reader;
    }

    Socket socket() {
        return socket;
    }

    /** Sends an action; the future completes when its response (and list, if any) has arrived. */
    CompletableFuture<AmiResponse> send(AmiAction action) {
        String id = idPrefix + ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        if (closed) {
            fail(id, new IOException("AMI connection is closed"));
            return p.future;
        }
        try {
            byte[] bytes = action.bytes(id);
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            fail(id, e);
        }
        return p.future;
    }

    /** Nanos since the oldest still-unanswered action was sent, or -1 (the stall detector). */
    long oldestPendingNanos(long now) {
        long oldest = -1;
        for (Pending p : pending.values()) {
            oldest = Math.max(oldest, now - p.sentNanos);
        }
        return oldest;
    }

    /**
     * Offers a frame from the reader thread.
     *
     * @return true when it belonged to a pending action (so it is not an ordinary event)
     */
    boolean offer(AmiFrame f) {
        String id = f.actionId();
        if (id == null) {
            return false;
        }
        Pending p = pending.get(id);
        if (p == null) {
            return false;
        }
        if (f.has("Response")) {
            p.response = f;
            if (!f.is("EventList", "start")) {
                complete(id, p);
            } else {
                p.items = new ArrayList<>();
            }
            return true;
        }
        if (p.response == null || p.items == null) {
            return false; // an event that merely quotes our id
        }
        if (f.is("EventList", "Complete") || f.is("EventList", "complete")) {
            complete(id, p);
        } else {
            p.items.add(f);
        }
        return true;
    }

    private void complete(String id, Pending p) {
        pending.remove(id);
        p.future.complete(new AmiResponse(p.response, p.items == null ? List.of() : p.items));
    }

    private void fail(String id, Exception e) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.future.completeExceptionally(e);
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to do
        }
        for (String id : List.copyOf(pending.keySet())) {
            fail(id, new IOException("AMI connection closed before the answer arrived"));
        }
    }
}
