package dev.basalt.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable picture of the schema. Readers use it without locks; DDL derives a new snapshot
 * (copy-on-write) that the catalog publishes when the DDL's transaction commits. Database, table
 * and view names are case-sensitive (lower_case_table_names=0); listings are sorted by name.
 */
public final class CatalogSnapshot {
    private final long version;
    private final Map<String, DatabaseDef> databases;               // sorted
    private final Map<String, Map<String, TableDef>> tables;        // db -> name -> def (sorted)
    private final Map<String, Map<String, ViewDef>> views;
    private final Map<Integer, TableDef> byId;

    private CatalogSnapshot(long version, Map<String, DatabaseDef> databases, Map<String, Map<String, TableDef>> tables,
                            Map<String, Map<String, ViewDef>> views, Map<Integer, TableDef> byId) {
        this.version = version;
        this.databases = databases;
        this.tables = tables;
        this.views = views;
        this.byId = byId;
    }

    public static CatalogSnapshot empty() {
        return new CatalogSnapshot(0, new TreeMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    /** Increases with every published change. */
    public long version() { return version; }

    public Optional<DatabaseDef> database(String name) { return Optional.ofNullable(databases.get(name)); }

    public boolean hasDatabase(String name) { return databases.containsKey(name); }

    public List<DatabaseDef> databases() { return List.copyOf(databases.values()); }

    public Optional<TableDef> table(String database, String name) {
        Map<String, TableDef> t = tables.get(database);
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(name));
    }

    public Optional<TableDef> tableById(int tableId) { return Optional.ofNullable(byId.get(tableId)); }

    /** Tables of the database sorted by name (empty if the database does not exist). */
    public List<TableDef> tables(String database) {
        Map<String, TableDef> t = tables.get(database);
        return t == null ? List.of() : List.copyOf(t.values());
    }

    public Optional<ViewDef> view(String database, String name) {
        Map<String, ViewDef> v = views.get(database);
        return v == null ? Optional.empty() : Optional.ofNullable(v.get(name));
    }

    public List<ViewDef> views(String database) {
        Map<String, ViewDef> v = views.get(database);
        return v == null ? List.of() : List.copyOf(v.values());
    }

    /** True when a table or a view of that name exists (they share one namespace). */
    public boolean hasObject(String database, String name) {
        return table(database, name).isPresent() || view(database, name).isPresent();
    }

    /** Every table, any database. */
    public List<TableDef> allTables() { return new ArrayList<>(byId.values()); }

    // ---------------------------------------------------------------- derivations (package-private)

    CatalogSnapshot withDatabase(DatabaseDef db) {
        Map<String, DatabaseDef> d = new TreeMap<>(databases);
        d.put(db.name(), db);
        return new CatalogSnapshot(version + 1, d, tables, views, byId);
    }

    CatalogSnapshot withoutDatabase(String name) {
        Map<String, DatabaseDef> d = new TreeMap<>(databases);
        d.remove(name);
        Map<String, Map<String, TableDef>> t = new HashMap<>(tables);
        Map<String, TableDef> removed = t.remove(name);
        Map<Integer, TableDef> ids = byId;
        if (removed != null) {
            ids = new HashMap<>(byId);
            for (TableDef def : removed.values()) ids.remove(def.tableId());
        }
        Map<String, Map<String, ViewDef>> v = new HashMap<>(views);
        v.remove(name);
        return new CatalogSnapshot(version + 1, d, t, v, ids);
    }

    /** Adds or replaces (by table id) a table; a rename moves it. */
    CatalogSnapshot withTable(TableDef def) {
        Map<String, Map<String, TableDef>> t = new HashMap<>(tables);
        TableDef old = byId.get(def.tableId());
        if (old != null) t.put(old.database(), without(t.get(old.database()), old.name()));
        Map<String, TableDef> inDb = new TreeMap<>(t.getOrDefault(def.database(), Map.of()));
        inDb.put(def.name(), def);
        t.put(def.database(), Collections.unmodifiableMap(inDb));
        Map<Integer, TableDef> ids = new HashMap<>(byId);
        ids.put(def.tableId(), def);
        return new CatalogSnapshot(version + 1, databases, t, views, ids);
    }

    CatalogSnapshot withoutTable(int tableId) {
        TableDef old = byId.get(tableId);
        if (old == null) return this;
        Map<String, Map<String, TableDef>> t = new HashMap<>(tables);
        t.put(old.database(), without(t.get(old.database()), old.name()));
        Map<Integer, TableDef> ids = new HashMap<>(byId);
        ids.remove(tableId);
        return new CatalogSnapshot(version + 1, databases, t, views, ids);
    }

    CatalogSnapshot withView(ViewDef view) {
        Map<String, Map<String, ViewDef>> v = new HashMap<>(views);
        Map<String, ViewDef> inDb = new TreeMap<>(v.getOrDefault(view.database(), Map.of()));
        inDb.put(view.name(), view);
        v.put(view.database(), Collections.unmodifiableMap(inDb));
        return new CatalogSnapshot(version + 1, databases, tables, v, byId);
    }

    CatalogSnapshot withoutView(String database, String name) {
        Map<String, Map<String, ViewDef>> v = new HashMap<>(views);
        Map<String, ViewDef> inDb = v.get(database);
        if (inDb == null) return this;
        v.put(database, without(inDb, name));
        return new CatalogSnapshot(version + 1, databases, tables, v, byId);
    }

    private static <T> Map<String, T> without(Map<String, T> m, String key) {
        Map<String, T> copy = new TreeMap<>(m == null ? Map.of() : m);
        copy.remove(key);
        return Collections.unmodifiableMap(copy);
    }
}
