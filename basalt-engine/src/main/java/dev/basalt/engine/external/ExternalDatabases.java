package dev.basalt.engine.external;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.statement.ExternalTableDefs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's side of external databases: the registered provider, and the table definitions
 * of external tables as the planner sees them (rebuilt whenever the provider's cached column list
 * changes, which it does after DDL and after the remote reports a missing table or column).
 */
public final class ExternalDatabases {
    private volatile ExternalProvider provider;
    private final Map<String, Cached> tables = new ConcurrentHashMap<>();

    private record Cached(List<ColumnSpec> specs, TableDef def) {}

    public void register(ExternalProvider p) { this.provider = p; }

    /** Releases the provider's resources (connection pools) when it holds any. */
    public void close() {
        if (provider instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }

    /** What a CREATE DATABASE name means, or null for an ordinary database. */
    public ExternalProvider.Claim claim(String createName) {
        ExternalProvider p = provider;
        return p == null ? null : p.claim(createName);
    }

    /** The statement text safe to show (SHOW PROCESSLIST) for a CREATE DATABASE of an external one. */
    public String mask(String text) {
        ExternalProvider p = provider;
        return p == null ? text : p.maskStatement(text);
    }

    /** What defines this external database when not SQL (DROP DATABASE is refused), else null. */
    public String definedBy(DatabaseDef d) {
        ExternalProvider p = provider;
        return p == null || !d.isExternal() ? null : p.definedBy(d.external());
    }

    /** Throws when the provider refuses to drop this external database (see {@link ExternalProvider#checkDrop}). */
    public void checkDrop(DatabaseDef d) {
        ExternalProvider p = provider;
        if (p != null && d.isExternal()) p.checkDrop(d.external());
    }

    /** The external database named {@code schema}, or null when it is local or unknown. */
    public ExternalDatabase database(CatalogSnapshot catalog, String schema) {
        if (schema == null) return null;
        DatabaseDef d = catalog.database(schema).orElse(null);
        return d == null || !d.isExternal() ? null : open(d);
    }

    public ExternalDatabase open(DatabaseDef d) {
        ExternalProvider p = provider;
        if (p == null) {
            throw new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "no provider for database '" + d.name() + "'");
        }
        return p.open(d.external());
    }

    /** The definition of an external table, or null when the external database has no such table. */
    public TableDef table(String alias, ExternalDatabase db, String name) {
        List<ColumnSpec> specs = db.columns(name);
        if (specs == null) return null;
        String key = alias + "\0" + name;
        Cached c = tables.get(key);
        if (c == null || c.specs() != specs) {
            c = new Cached(specs, ExternalTableDefs.of(alias, name, specs));
            tables.put(key, c);
        }
        return c.def();
    }
}
