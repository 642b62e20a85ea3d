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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded store: one SQLite file (WAL, synchronous=NORMAL, busy timeout) written by a
 * single writer thread in batched transactions. A committed batch survives {@code kill -9}.
 * When the database is dead, locked or full, the batch is kept and retried with back-off
 * (1 s doubling to 30 s) and {@link #health()} reports it; nothing is thrown at the engine.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = System.getLogger(SqliteStore.class.getName());

    private final StoreSettings settings;
    private final String url;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private Writer writer;
    private volatile boolean open = true;
    private Connection readConnection;

    private SqliteStore(StoreSettings settings) {
        this.settings = settings;
        this.url = "jdbc:sqlite:" + settings.file().toAbsolutePath();
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
            s.writer = new Writer(settings, s::connect, c);
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
            if (settings.maxSizeMb() > 0) {
                try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                    long pageSize = rs.next() ? rs.getLong(1) : 4096;
                    st.execute("PRAGMA max_page_count = " + settings.maxSizeMb() * 1_048_576L / pageSize);
                }
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    // ---- writes: queued -------------------------------------------------------------------

    @Override
    public void save(Decision decision) {
        writer.add(new Op.SaveDecision(decision));
    }

    @Override
    public void revoke(Cidr scope, Instant at) {
        writer.add(new Op.Revoke(scope, at));
    }

    @Override
    public void recordOffence(InetAddress address, int count, Instant at) {
        writer.add(new Op.Offence(address, count, at));
    }

    @Override
    public boolean acceptsEvents() {
        return settings.recentEvents() > 0 && writer.eventRoom();
    }

    @Override
    public void recordEvent(Instant time, String kind, String srcIp, String json) {
        if (settings.recentEvents() > 0) {
            writer.addEvent(new Op.Event(time, kind, srcIp, json));
        }
    }

    @Override
    public void save(Cursor cursor) {
        cursors.put(cursor.path(), cursor);
        writer.add(new Op.SaveCursor(cursor));
    }

    @Override
    public boolean flush(Duration timeout) {
        CountDownLatch latch = new CountDownLatch(1);
        writer.add(new Op.Barrier(latch));
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Health health() {
        return writer.health();
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
        if (!open) {
            return;
        }
        open = false;
        if (!flush(Duration.ofSeconds(5))) {
            LOG.log(Level.ERROR, "store {0}: closing with writes not committed ({1})", settings.path(), health().detail());
        }
        writer.stop();
        synchronized (this) {
            closeQuietly(readConnection);
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String what = e instanceof Error ? e.getClass().getSimpleName() + ": " : "";
        return m == null ? e.getClass().getSimpleName() : what + m.replace('\n', ' ');
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do with a broken connection
            }
        }
    }
}
