package io.sipwarden.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an ordered list of versioned steps. A database records the steps it has in
 * {@code schema_version}; opening it applies the missing ones, each in its own transaction.
 * Never edit a released step: add a new one.
 */
final class Migrations {
    private Migrations() {
    }

    record Step(int version, String what, List<String> sql) {
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "decisions, offenders, recent events, log cursors, audit runs", List.of(
                    """
                    CREATE TABLE decisions (
                      id TEXT PRIMARY KEY,
                      scope TEXT NOT NULL,
                      type TEXT NOT NULL,
                      origin_kind TEXT NOT NULL,
                      origin_name TEXT NOT NULL,
                      origin_revision INTEGER NOT NULL,
                      reason TEXT NOT NULL,
                      continent TEXT NOT NULL, country TEXT NOT NULL, region TEXT NOT NULL, city TEXT NOT NULL,
                      latitude REAL, longitude REAL, asn INTEGER NOT NULL, org TEXT NOT NULL,
                      first_evidence INTEGER NOT NULL,
                      last_evidence INTEGER NOT NULL,
                      created INTEGER NOT NULL,
                      until INTEGER NOT NULL,
                      revoked_at INTEGER
                    )""",
                    "CREATE INDEX decisions_until ON decisions(until)",
                    "CREATE INDEX decisions_scope ON decisions(scope)",
                    """
                    CREATE TABLE offenders (
                      address TEXT PRIMARY KEY,
                      offences INTEGER NOT NULL,
                      last_offence INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE events (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      time INTEGER NOT NULL,
                      kind TEXT NOT NULL,
                      src_ip TEXT NOT NULL,
                      json TEXT NOT NULL
                    )""",
                    "CREATE INDEX events_time ON events(time)",
                    """
                    CREATE TABLE cursors (
                      path TEXT PRIMARY KEY,
                      file_key TEXT NOT NULL,
                      offset INTEGER NOT NULL,
                      head_hash INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE audit_runs (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      started INTEGER NOT NULL,
                      finished INTEGER,
                      target TEXT NOT NULL,
                      findings INTEGER NOT NULL DEFAULT 0,
                      report TEXT
                    )""")),
            // Restoring a million bans must not run a correlated subquery per row: mark
            // superseded decisions when a longer one is saved, and index only the live ones.
            new Step(2, "superseded decisions marked; partial indexes of live, external and revoked decisions", List.of(
                    "ALTER TABLE decisions ADD COLUMN superseded_at INTEGER",
                    """
                    UPDATE decisions SET superseded_at = created WHERE EXISTS (
                      SELECT 1 FROM decisions e WHERE e.scope = decisions.scope AND e.revoked_at IS NULL
                        AND (e.until > decisions.until OR (e.until = decisions.until AND e.id > decisions.id)))""",
                    "CREATE INDEX decisions_live ON decisions(until) WHERE revoked_at IS NULL AND superseded_at IS NULL",
                    // The daemon polls for bans and unbans made by the CLI: keep those lookups tiny.
                    "CREATE INDEX decisions_external ON decisions(created) WHERE origin_kind <> 'DETECTOR'",
                    "CREATE INDEX decisions_revoked ON decisions(revoked_at) WHERE revoked_at IS NOT NULL")));

    static int latest() {
        return STEPS.getLast().version();
    }

    /** Brings the schema up to date; returns the version it found. */
    static int apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, what TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > latest()) {
            throw new SQLException("database schema version " + current + " is newer than this sipwarden ("
                    + latest() + "); upgrade sipwarden or use another store.path");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Step step : STEPS) {
                if (step.version() <= current) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : step.sql()) {
                        s.execute(sql);
                    }
                    try (var ps = c.prepareStatement("INSERT INTO schema_version(version, what, applied_at) VALUES (?, ?, ?)")) {
                        ps.setInt(1, step.version());
                        ps.setString(2, step.what());
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("schema migration " + step.version() + " (" + step.what() + ") failed: " + e.getMessage(), e);
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return current;
    }
}
