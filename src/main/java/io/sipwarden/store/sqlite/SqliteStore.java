package io.sipwarden.store.sqlite;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.store.Store;
import io.sipwarden.store.StoreException;
import io.sipwarden.store.StoreSettings;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The embedded store: one SQLite file (WAL, synchronous=NORMAL, busy timeout) written by a
 * single writer thread in batched transactions. A committed batch survives {@code kill -9}.
 * When the database is dead, locked or full, the batch is kept and retried with back-off
 * (1 s doubling to 30 s) and {@link #health()} reports it; nothing is thrown at the engine.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = System.getLogger(SqliteStore.class.getName());
    private static final int BATCH = 2_000;
    private static final int EVENT_QUEUE = 10_000;

    private final StoreSettings settings;
    private final String url;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Op> events = new LinkedBlockingQueue<>(EVENT_QUEUE);
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile int retrying;
    private Connection writeConnection;
    private Connection readConnection;
    private long eventsSincePrune;

    private SqliteStore(StoreSettings settings) {
        this.settings = settings;
        this.url = "jdbc:sqlite:" + settings.file().toAbsolutePath();
        this.writer = Thread.ofPlatform().name("sipwarden-store").daemon(true).unstarted(this::loop);
    }

    /**
     * Opens (creating the directory and file if needed) and migrates the database.
     *
     * @throws StoreException naming the file when it cannot be opened or migrated
     */
    public static SqliteStore open(StoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SqliteStore s = new SqliteStore(settings);
        Path dir = settings.stateDirectory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create state directory " + dir + ": " + e, e);
        }
        try {
            Connection c = s.connect();
            int found = Migrations.apply(c);
            if (found < Migrations.latest()) {
                LOG.log(Level.INFO, "store {0}: schema migrated from version {1} to {2}", settings.path(), found, Migrations.latest());
            }
            s.writeConnection = c;
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + settings.path() + ": " + e.getMessage()
                    + " (check store.path, permissions and free space)", e);
        }
        s.writer.start();
        return s;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + settings.busyTimeout().toMillis());
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    // ---- writes: queued -------------------------------------------------------------------

    @Override
    public void save(Decision decision) {
        queue.add(new Op.SaveDecision(decision));
    }

    @Override
    public void revoke(Cidr scope, Instant at) {
        queue.add(new Op.Revoke(scope, at));
    }

    @Override
    public void recordOffence(InetAddress address, int count, Instant at) {
        queue.add(new Op.Offence(address, count, at));
    }

    @Override
    public boolean acceptsEvents() {
        if (settings.recentEvents() == 0) {
            return false;
        }
        if (events.remainingCapacity() == 0) {
            droppedEvents.incrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void recordEvent(Instant time, String kind, String srcIp, String json) {
        if (settings.recentEvents() == 0) {
            return;
        }
        if (!events.offer(new Op.Event(time, kind, srcIp, json))) {
            droppedEvents.incrementAndGet();
        }
    }

    @Override
    public void save(Cursor cursor) {
        cursors.put(cursor.path(), cursor);
        queue.add(new Op.SaveCursor(cursor));
    }

    @Override
    public boolean flush(Duration timeout) {
        CountDownLatch latch = new CountDownLatch(1);
        queue.add(new Op.Barrier(latch));
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Health health() {
        String f = failure;
        long pending = queue.size() + events.size() + retrying;
        return f == null ? new Health(true, "sqlite " + settings.path(), pending, droppedEvents.get())
                : new Health(false, f, pending, droppedEvents.get());
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
            } catch (SQLException | RuntimeException e) {
                String msg = "store " + settings.path() + " write failed (" + describe(e) + "); " + batch.size()
                        + " writes kept and retried in " + backoff / 1000 + "s; bans stay enforced from memory";
                if (!msg.equals(failure)) {
                    LOG.log(Level.ERROR, msg);
                }
                failure = msg;
                closeQuietly(writeConnection);
                writeConnection = null;
                if (!running) {
                    LOG.log(Level.ERROR, "store {0}: stopping with {1} unsaved writes", settings.path(), batch.size() + queue.size());
                    return;
                }
                try {
                    sleep(backoff);
                } catch (InterruptedException ie) {
                    // close() cuts a retry wait short; the loop condition decides
                }
                backoff = Math.min(30_000, backoff * 2);
            } catch (InterruptedException e) {
                // close() interrupts a sleeping retry; the loop condition decides
            }
        }
    }

    private void commit(List<Op> batch) throws SQLException {
        if (writeConnection == null) {
            writeConnection = connect();
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

    // ---- reads: synchronous ---------------------------------------------------------------

    @Override
    public synchronized Optional<Cursor> load(String path) {
        Cursor c = cursors.get(path);
        if (c != null) {
            return Optional.of(c);
        }
        try (PreparedStatement ps = reader().prepareStatement("SELECT file_key, offset, head_hash FROM cursors WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Cursor(path, rs.getString(1), rs.getLong(2), rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw readFailed("log cursor", e);
        }
    }

    @Override
    public synchronized Page activePage(Instant now, String after, int limit) {
        // Keyset paging over the partial index of live decisions: (until, rowid) after the token.
        long afterUntil = now.toEpochMilli();
        long afterRow = Long.MAX_VALUE;
        if (!after.isEmpty()) {
            int colon = after.indexOf(':');
            afterUntil = Math.max(afterUntil, Long.parseLong(after.substring(0, colon)));
            afterRow = Long.parseLong(after.substring(colon + 1));
        }
        String sql = "SELECT " + Rows.COLUMNS + ", rowid FROM decisions INDEXED BY decisions_live"
                + " WHERE revoked_at IS NULL AND superseded_at IS NULL AND until >= ? AND (until > ? OR rowid > ?)"
                + " ORDER BY until, rowid LIMIT ?";
        List<Decision> out = new ArrayList<>();
        String next = null;
        int rows = 0;
        try (PreparedStatement ps = reader().prepareStatement(sql)) {
            ps.setLong(1, afterUntil);
            ps.setLong(2, afterUntil);
            ps.setLong(3, after.isEmpty() ? Long.MAX_VALUE : afterRow);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    next = rs.getLong(19) + ":" + rs.getLong(20);
                    try {
                        out.add(Rows.read(rs));
                    } catch (RuntimeException bad) {
                        LOG.log(Level.WARNING, "store {0}: skipping unreadable decision {1}: {2}", settings.path(), rs.getString(1), bad.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailed("active decisions", e);
        }
        return new Page(out, rows < limit ? null : next);
    }

    @Override
    public synchronized void forEachChangeSince(Instant since, Consumer<Decision> made, Consumer<Decision> revoked) {
        long t = since.toEpochMilli();
        try {
            try (PreparedStatement ps = reader().prepareStatement("SELECT " + Rows.COLUMNS
                    + " FROM decisions INDEXED BY decisions_external WHERE origin_kind <> 'DETECTOR' AND created > ? AND revoked_at IS NULL ORDER BY created")) {
                ps.setLong(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        made.accept(Rows.read(rs));
                    }
                }
            }
            try (PreparedStatement ps = reader().prepareStatement("SELECT " + Rows.COLUMNS
                    + " FROM decisions INDEXED BY decisions_revoked WHERE revoked_at IS NOT NULL AND revoked_at > ? ORDER BY revoked_at")) {
                ps.setLong(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        revoked.accept(Rows.read(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailed("changes", e);
        }
    }

    /** The latest {@code limit} decisions, active or not, newest first (for {@code bans list --all}). */
    public synchronized List<Decision> recent(int limit) {
        List<Decision> out = new ArrayList<>();
        try (PreparedStatement ps = reader().prepareStatement("SELECT " + Rows.COLUMNS + " FROM decisions ORDER BY created DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Rows.read(rs));
                }
            }
        } catch (SQLException e) {
            throw readFailed("decisions", e);
        }
        return out;
    }

    @Override
    public synchronized void forEachOffender(Instant since, OffenderConsumer action) {
        try (PreparedStatement ps = reader().prepareStatement(
                "SELECT address, offences, last_offence FROM offenders WHERE last_offence > ?")) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    InetAddress a = Addresses.tryParse(rs.getString(1));
                    if (a != null) {
                        action.accept(a, rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailed("offenders", e);
        }
    }

    /** The schema version the database is at. */
    public synchronized int schemaVersion() {
        try (Statement s = reader().createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw readFailed("schema version", e);
        }
    }

    private Connection reader() throws SQLException {
        if (readConnection == null || readConnection.isClosed()) {
            readConnection = connect();
        }
        return readConnection;
    }

    private StoreException readFailed(String what, SQLException e) {
        closeQuietly(readConnection);
        readConnection = null;
        return new StoreException("cannot read " + what + " from store " + settings.path() + ": " + describe(e), e);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        if (!flush(Duration.ofSeconds(5))) {
            LOG.log(Level.ERROR, "store {0}: closing with writes not committed ({1})", settings.path(), health().detail());
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeQuietly(readConnection);
        }
        closeQuietly(writeConnection);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do with a broken connection
            }
        }
    }

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
