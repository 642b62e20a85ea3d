package io.sipwarden.store.sqlite;

import io.sipwarden.decision.Decision;
import io.sipwarden.store.Store;
import io.sipwarden.store.StoreSettings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's single writer thread: takes queued {@link Op}s, commits them in batched
 * transactions, and when the database is dead, locked or full keeps the failed batch and retries
 * it with back-off (1 s doubling to 30 s), reconnecting each time. Recent events have their own
 * bounded queue and are dropped (counted) when it is full; nothing else is ever dropped.
 */
final class Writer {
    private static final Logger LOG = System.getLogger(Writer.class.getName());
    private static final int BATCH = 2_000;
    private static final int EVENT_QUEUE = 10_000;

    /** Opens a configured connection. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final StoreSettings settings;
    private final Connector connector;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Op> events = new LinkedBlockingQueue<>(EVENT_QUEUE);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile int retrying;
    private Connection writeConnection;
    private long eventsSincePrune;

    Writer(StoreSettings settings, Connector connector, Connection first) {
        this.settings = settings;
        this.connector = connector;
        this.writeConnection = first;
        this.thread = Thread.ofPlatform().name("sipwarden-store").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    void add(Op op) {
        queue.add(op);
    }

    /** Queues a recent event unless its queue is full (then counts it as dropped). */
    void addEvent(Op.Event op) {
        if (!events.offer(op)) {
            droppedEvents.incrementAndGet();
        }
    }

    boolean eventRoom() {
        if (events.remainingCapacity() == 0) {
            droppedEvents.incrementAndGet();
            return false;
        }
        return true;
    }

    Store.Health health() {
        String f = failure;
        long pending = queue.size() + events.size() + retrying;
        return f == null ? new Store.Health(true, "sqlite " + settings.path(), pending, droppedEvents.get())
                : new Store.Health(false, f, pending, droppedEvents.get());
    }

    /** Stops after what is queued (or at the first failure once stopping), waiting up to 5 s. */
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SqliteStore.closeQuietly(writeConnection);
    }

    private void loop() {
        List<Op> batch = new ArrayList<>();
        long backoff = 1_000;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Op first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        first = events.poll();
                    }
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH);
                    events.drainTo(batch, BATCH / 2);
                }
                retrying = batch.size();
                commit(batch);
                if (failure != null) {
                    LOG.log(Level.INFO, "store {0} works again; {1} queued writes committed", settings.path(), batch.size());
                }
                failure = null;
                backoff = 1_000;
                for (Op op : batch) {
                    if (op instanceof Op.Barrier b) {
                        b.latch().countDown();
                    }
                }
                batch.clear();
                retrying = 0;
            } catch (InterruptedException e) {
                // close() interrupts a waiting poll; the loop condition decides
            } catch (Exception | Error e) {
                // An Error too (NoClassDefFoundError from a jar replaced by an upgrade, OutOfMemoryError):
                // a dead writer would leave every later ban unsaved while health still said ok.
                String msg = "store " + settings.path() + " write failed (" + SqliteStore.describe(e) + "); " + batch.size()
                        + " writes kept and retried in " + backoff / 1000 + "s; bans stay enforced from memory";
                if (!msg.equals(failure)) {
                    LOG.log(Level.ERROR, msg);
                }
                failure = msg;
                SqliteStore.closeQuietly(writeConnection);
                writeConnection = null;
                if (!running) {
                    LOG.log(Level.ERROR, "store {0}: stopping with {1} unsaved writes", settings.path(), batch.size() + queue.size());
                    return;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    // close() cuts a retry wait short; the loop condition decides
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    private void commit(List<Op> batch) throws SQLException {
        if (writeConnection == null) {
            writeConnection = connector.connect();
        }
        Connection c = writeConnection;
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(Rows.INSERT);
             PreparedStatement supersedeOthers = c.prepareStatement(
                     "UPDATE decisions SET superseded_at = ? WHERE scope = ? AND id <> ? AND revoked_at IS NULL"
                             + " AND superseded_at IS NULL AND (until < ? OR (until = ? AND id < ?))");
             PreparedStatement supersedeThis = c.prepareStatement(
                     "UPDATE decisions SET superseded_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM decisions e WHERE e.scope = ?"
                             + " AND e.id <> ? AND e.revoked_at IS NULL AND e.superseded_at IS NULL AND (e.until > ? OR (e.until = ? AND e.id > ?)))");
             PreparedStatement revoke = c.prepareStatement(
                     "UPDATE decisions SET revoked_at = ? WHERE scope = ? AND revoked_at IS NULL AND until > ?");
             PreparedStatement offence = c.prepareStatement(
                     "INSERT INTO offenders(address, offences, last_offence) VALUES (?, ?, ?) "
                             + "ON CONFLICT(address) DO UPDATE SET offences = excluded.offences, last_offence = excluded.last_offence");
             PreparedStatement event = c.prepareStatement("INSERT INTO events(time, kind, src_ip, json) VALUES (?, ?, ?, ?)");
             PreparedStatement cursor = c.prepareStatement(
                     "INSERT OR REPLACE INTO cursors(path, file_key, offset, head_hash) VALUES (?, ?, ?, ?)")) {
            int newEvents = 0;
            for (Op op : batch) {
                switch (op) {
                    case Op.SaveDecision s -> {
                        Rows.bind(insert, s.decision());
                        insert.executeUpdate();
                        supersede(supersedeOthers, supersedeThis, s.decision());
                    }
                    case Op.Revoke r -> {
                        revoke.setLong(1, r.at().toEpochMilli());
                        revoke.setString(2, r.scope().toString());
                        revoke.setLong(3, r.at().toEpochMilli());
                        revoke.executeUpdate();
                    }
                    case Op.Offence o -> {
                        offence.setString(1, o.address().getHostAddress());
                        offence.setInt(2, o.count());
                        offence.setLong(3, o.at().toEpochMilli());
                        offence.executeUpdate();
                    }
                    case Op.Event e -> {
                        event.setLong(1, e.time().toEpochMilli());
                        event.setString(2, e.kind());
                        event.setString(3, e.srcIp());
                        event.setString(4, e.json());
                        event.executeUpdate();
                        newEvents++;
                    }
                    case Op.SaveCursor sc -> {
                        cursor.setString(1, sc.cursor().path());
                        cursor.setString(2, sc.cursor().fileKey());
                        cursor.setLong(3, sc.cursor().offset());
                        cursor.setLong(4, sc.cursor().headHash());
                        cursor.executeUpdate();
                    }
                    case Op.Barrier b -> {
                        // released after the commit
                    }
                }
            }
            eventsSincePrune += newEvents;
            if (eventsSincePrune >= 1_000) {
                eventsSincePrune = 0;
                try (PreparedStatement prune = c.prepareStatement(
                        "DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ?")) {
                    prune.setLong(1, settings.recentEvents());
                    prune.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is discarded anyway
            }
            throw e;
        }
    }

    /** Keeps one live decision per scope: the longest (ties: the larger id) wins. */
    private static void supersede(PreparedStatement others, PreparedStatement self, Decision d) throws SQLException {
        long created = d.created().toEpochMilli();
        long until = d.until().toEpochMilli();
        String scope = d.scope().toString();
        others.setLong(1, created);
        others.setString(2, scope);
        others.setString(3, d.id());
        others.setLong(4, until);
        others.setLong(5, until);
        others.setString(6, d.id());
        others.executeUpdate();
        self.setLong(1, created);
        self.setString(2, d.id());
        self.setString(3, scope);
        self.setString(4, d.id());
        self.setLong(5, until);
        self.setLong(6, until);
        self.setString(7, d.id());
        self.executeUpdate();
    }
}
