package dev.basalt.remote.vdb;

import dev.basalt.engine.external.ColumnSpec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cached column lists and row estimates of a virtual database's tables. Dropped after DDL sent
 * through Basalt and when the remote answers 1146 / 1054 (someone changed it behind our back).
 * Table names are not cached: SHOW TABLES should see the remote as it is.
 */
final class RemoteMetadata {
    private final RemoteDatabase db;
    private final Map<String, List<ColumnSpec>> columns = new ConcurrentHashMap<>();
    /** Row estimates go stale as the remote table grows: re-read after this long. */
    private static final long ROWS_TTL_NANOS = 60_000_000_000L;
    private record Estimate(long rows, long readAt) {}
    private final Map<String, Estimate> rows = new ConcurrentHashMap<>();

    RemoteMetadata(RemoteDatabase db) { this.db = db; }

    void invalidate() {
        columns.clear();
        rows.clear();
    }

    List<String> tableNames() {
        return db.with(null, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    /** The columns, or null when the table does not exist (not cached, so a new table shows up). */
    List<ColumnSpec> columns(String table) {
        List<ColumnSpec> cached = columns.get(table);
        if (cached != null) return cached;
        List<ColumnSpec> read = db.with(null, c -> {
            List<ColumnSpec> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, IS_NULLABLE, COLUMN_KEY, EXTRA"
                            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                            + " ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ColumnSpec(rs.getString(1), rs.getString(2), rs.getString(3),
                                "YES".equals(rs.getString(4)), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
        if (read.isEmpty()) return null;
        List<ColumnSpec> list = List.copyOf(read);
        columns.put(table, list);
        return list;
    }

    long rowEstimate(String table) {
        Estimate cached = rows.get(table);
        if (cached != null && System.nanoTime() - cached.readAt() < ROWS_TTL_NANOS) return cached.rows();
        long n = db.with(null, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Math.max(1, rs.getLong(1)) : 1000L;
                }
            }
        });
        rows.put(table, new Estimate(n, System.nanoTime()));
        return n;
    }
}
