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
    /** TEMPORARY tables of every session (also in byId); only their owner's view resolves their names. */
    private final TemporaryTables temporary;
    /** The session whose TEMPORARY tables this view sees (shadowing base tables), or 0 for none. */
    private final long viewer;

    /**
     * TEMPORARY tables: owner (session id) by table id, and definitions by owner, database and name.
     * They are kept apart from the base tables because their names may repeat (per session, and a
     * session's temporary table may share the name of a base table).
     */
    private record TemporaryTables(Map<Integer, Long> owners, Map<String, TableDef> byName) {
        static final TemporaryTables NONE = new TemporaryTables(Map.of(), Map.of());

        static String key(long owner, String database, String name) { return owner + "\0" + database + "\0" + name; }
    }

    /**
     * Facts derived from the maps above, computed on first use and shared with the
     * {@link #forSession} views of this snapshot (same maps): every write asks them, and
     * recomputing them per statement cost a few percent of a point UPDATE.
     */
    private static final class Derived {
        volatile Boolean anyExternal;
        volatile List<TableDef> withForeignKeys;
    }

    private final Derived derived;

    private CatalogSnapshot(long version, Map<String, DatabaseDef> databases, Map<String, Map<String, TableDef>> tables,
                            Map<String, Map<String, ViewDef>> views, Map<Integer, TableDef> byId,
                            TemporaryTables temporary, long viewer) {
        this(version, databases, tables, views, byId, temporary, viewer, new Derived());
    }

    private CatalogSnapshot(long version, Map<String, DatabaseDef> databases, Map<String, Map<String, TableDef>> tables,
                            Map<String, Map<String, ViewDef>> views, Map<Integer, TableDef> byId,
                            TemporaryTables temporary, long viewer, Derived derived) {
        this.derived = derived;
        this.version = version;
        this.databases = databases;
        this.tables = tables;
        this.views = views;
        this.byId = byId;
        this.temporary = temporary;
        this.viewer = viewer;
    }

    public static CatalogSnapshot empty() {
        return new CatalogSnapshot(0, new TreeMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                TemporaryTables.NONE, 0);
    }

    /** A derived snapshot: the next version, same temporary tables and viewer. */
    private CatalogSnapshot next(Map<String, DatabaseDef> d, Map<String, Map<String, TableDef>> t,
                                 Map<String, Map<String, ViewDef>> v, Map<Integer, TableDef> ids) {
        return new CatalogSnapshot(version + 1, d, t, v, ids, temporary, viewer);
    }

    /** This schema as session {@code owner} sees it: its TEMPORARY tables shadow base tables of the same name. */
    public CatalogSnapshot forSession(long owner) {
        return owner == viewer ? this : new CatalogSnapshot(version, databases, tables, views, byId, temporary, owner, derived);
    }

    /** The viewing session's TEMPORARY table of that name (never a base table). */
    public Optional<TableDef> temporaryTable(String database, String name) {
        if (viewer == 0 || temporary.byName().isEmpty()) return Optional.empty();
        return Optional.ofNullable(temporary.byName().get(TemporaryTables.key(viewer, database, name)));
    }

    /** True for a TEMPORARY table (of any session). */
    public boolean isTemporary(int tableId) { return temporary.owners().containsKey(tableId); }

    /** The TEMPORARY tables of session {@code owner}. */
    public List<TableDef> temporaryTables(long owner) {
        List<TableDef> out = new ArrayList<>();
        for (var e : temporary.owners().entrySet()) if (e.getValue() == owner) out.add(byId.get(e.getKey()));
        return out;
    }

    /** Increases with every published change. */
    public long version() { return version; }

    public Optional<DatabaseDef> database(String name) { return Optional.ofNullable(databases.get(name)); }

    public boolean hasDatabase(String name) { return databases.containsKey(name); }

    public List<DatabaseDef> databases() { return List.copyOf(databases.values()); }

    /** The viewing session's TEMPORARY table of that name if any, else the base table. */
    public Optional<TableDef> table(String database, String name) {
        Optional<TableDef> tmp = temporaryTable(database, name);
        if (tmp.isPresent()) return tmp;
        Map<String, TableDef> t = tables.get(database);
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(name));
    }

    public Optional<TableDef> tableById(int tableId) { return Optional.ofNullable(byId.get(tableId)); }

    /** Base tables of the database sorted by name (empty if the database does not exist); never TEMPORARY ones. */
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

    /** True when a base table or a view of that name exists (they share one namespace; TEMPORARY tables do not count). */
    public boolean hasObject(String database, String name) {
        Map<String, TableDef> t = tables.get(database);
        return (t != null && t.containsKey(name)) || view(database, name).isPresent();
    }

    /** Every table, any database. */
    public List<TableDef> allTables() { return new ArrayList<>(byId.values()); }

    /** True when some database is an external (remote) one; computed once per snapshot. */
    public boolean hasExternalDatabase() {
        Boolean b = derived.anyExternal;
        if (b == null) {
            boolean any = false;
            for (DatabaseDef d : databases.values()) any |= d.isExternal();
            derived.anyExternal = b = any;
        }
        return b;
    }

    /** The tables (any database, TEMPORARY ones included) that declare a foreign key; computed once per snapshot. */
    public List<TableDef> tablesWithForeignKeys() {
        List<TableDef> l = derived.withForeignKeys;
        if (l == null) {
            List<TableDef> out = new ArrayList<>();
            for (TableDef t : byId.values()) if (!t.foreignKeys().isEmpty()) out.add(t);
            derived.withForeignKeys = l = List.copyOf(out);
        }
        return l;
    }

    // ---------------------------------------------------------------- derivations (package-private)

    CatalogSnapshot withDatabase(DatabaseDef db) {
        Map<String, DatabaseDef> d = new TreeMap<>(databases);
        d.put(db.name(), db);
        return next(d, tables, views, byId);
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
        return next(d, t, v, ids);
    }

    /** Adds or replaces (by table id) a table; a rename moves it. */
    CatalogSnapshot withTable(TableDef def) {
        Long owner = temporary.owners().get(def.tableId());
        if (owner != null) return withTemporaryTable(def, owner);
        Map<String, Map<String, TableDef>> t = new HashMap<>(tables);
        TableDef old = byId.get(def.tableId());
        if (old != null) t.put(old.database(), without(t.get(old.database()), old.name()));
        Map<String, TableDef> inDb = new TreeMap<>(t.getOrDefault(def.database(), Map.of()));
        inDb.put(def.name(), def);
        t.put(def.database(), Collections.unmodifiableMap(inDb));
        Map<Integer, TableDef> ids = new HashMap<>(byId);
        ids.put(def.tableId(), def);
        return next(databases, t, views, ids);
    }

    CatalogSnapshot withoutTable(int tableId) {
        TableDef old = byId.get(tableId);
        if (old == null) return this;
        Long owner = temporary.owners().get(tableId);
        if (owner != null) {
            Map<Integer, Long> owners = new HashMap<>(temporary.owners());
            owners.remove(tableId);
            Map<String, TableDef> byName = new HashMap<>(temporary.byName());
            byName.remove(TemporaryTables.key(owner, old.database(), old.name()));
            Map<Integer, TableDef> ids = new HashMap<>(byId);
            ids.remove(tableId);
            return new CatalogSnapshot(version + 1, databases, tables, views, ids, new TemporaryTables(owners, byName), viewer);
        }
        Map<String, Map<String, TableDef>> t = new HashMap<>(tables);
        t.put(old.database(), without(t.get(old.database()), old.name()));
        Map<Integer, TableDef> ids = new HashMap<>(byId);
        ids.remove(tableId);
        return next(databases, t, views, ids);
    }

    /** Adds or replaces (by table id; a rename moves it) a TEMPORARY table of session {@code owner}. */
    CatalogSnapshot withTemporaryTable(TableDef def, long owner) {
        Map<Integer, Long> owners = new HashMap<>(temporary.owners());
        owners.put(def.tableId(), owner);
        Map<String, TableDef> byName = new HashMap<>(temporary.byName());
        TableDef old = byId.get(def.tableId());
        if (old != null) byName.remove(TemporaryTables.key(owner, old.database(), old.name()));
        byName.put(TemporaryTables.key(owner, def.database(), def.name()), def);
        Map<Integer, TableDef> ids = new HashMap<>(byId);
        ids.put(def.tableId(), def);
        return new CatalogSnapshot(version + 1, databases, tables, views, ids, new TemporaryTables(owners, byName), viewer);
    }

    CatalogSnapshot withView(ViewDef view) {
        Map<String, Map<String, ViewDef>> v = new HashMap<>(views);
        Map<String, ViewDef> inDb = new TreeMap<>(v.getOrDefault(view.database(), Map.of()));
        inDb.put(view.name(), view);
        v.put(view.database(), Collections.unmodifiableMap(inDb));
        return next(databases, tables, v, byId);
    }

    CatalogSnapshot withoutView(String database, String name) {
        Map<String, Map<String, ViewDef>> v = new HashMap<>(views);
        Map<String, ViewDef> inDb = v.get(database);
        if (inDb == null) return this;
        v.put(database, without(inDb, name));
        return next(databases, tables, v, byId);
    }

    private static <T> Map<String, T> without(Map<String, T> m, String key) {
        Map<String, T> copy = new TreeMap<>(m == null ? Map.of() : m);
        copy.remove(key);
        return Collections.unmodifiableMap(copy);
    }
}
