package dev.basalt.engine.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The privileges granted to one account, by level: global, per database, per table, per column
 * and per stored routine. Immutable; GRANT and REVOKE make changed copies.
 *
 * <p>Keys: a database name; "db\0table"; "db\0table\0column" (column lower-cased, as MySQL's
 * column names are case-insensitive); "db\0PROCEDURE|FUNCTION\0name" for routines. Database and
 * table names are kept as written (case-sensitive, as on Linux MySQL).
 */
public final class Grants {
    public static final Grants NONE = new Grants(EnumSet.noneOf(Privilege.class), Map.of(), Map.of(), Map.of(), Map.of());

    private final EnumSet<Privilege> global;
    private final Map<String, EnumSet<Privilege>> databases, tables, columns, routines;

    private Grants(EnumSet<Privilege> global, Map<String, EnumSet<Privilege>> databases, Map<String, EnumSet<Privilege>> tables,
                   Map<String, EnumSet<Privilege>> columns, Map<String, EnumSet<Privilege>> routines) {
        this.global = global;
        this.databases = databases;
        this.tables = tables;
        this.columns = columns;
        this.routines = routines;
    }

    public static Grants everything() {
        EnumSet<Privilege> all = EnumSet.allOf(Privilege.class);
        return new Grants(all, Map.of(), Map.of(), Map.of(), Map.of());
    }

    public Set<Privilege> global() { return global; }
    public Map<String, EnumSet<Privilege>> databases() { return databases; }
    public Map<String, EnumSet<Privilege>> tables() { return tables; }
    public Map<String, EnumSet<Privilege>> columns() { return columns; }
    public Map<String, EnumSet<Privilege>> routines() { return routines; }

    // ---------------------------------------------------------------- checks

    public boolean hasGlobal(Privilege p) { return global.contains(p); }

    public boolean hasDatabase(String db, Privilege p) {
        return global.contains(p) || has(databases, db, p);
    }

    public boolean hasTable(String db, String table, Privilege p) {
        return hasDatabase(db, p) || has(tables, db + "\0" + table, p);
    }

    public boolean hasColumn(String db, String table, String column, Privilege p) {
        return hasTable(db, table, p) || has(columns, db + "\0" + table + "\0" + column.toLowerCase(java.util.Locale.ROOT), p);
    }

    /** Some column of the table carries {@code p} (enough to name the table; columns are checked one by one). */
    public boolean hasAnyColumn(String db, String table, Privilege p) {
        String prefix = db + "\0" + table + "\0";
        for (var e : columns.entrySet()) if (e.getKey().startsWith(prefix) && e.getValue().contains(p)) return true;
        return false;
    }

    public boolean hasRoutine(String db, String kind, String name, Privilege p) {
        return hasDatabase(db, p) || has(routines, db + "\0" + kind + "\0" + name.toLowerCase(java.util.Locale.ROOT), p);
    }

    /** Any privilege at all on the table or its columns (SHOW TABLES and information_schema list it then). */
    public boolean seesTable(String db, String table) {
        if (seesDatabaseWide(db)) return true;
        EnumSet<Privilege> t = tables.get(db + "\0" + table);
        if (t != null && !t.isEmpty()) return true;
        String prefix = db + "\0" + table + "\0";
        for (var e : columns.entrySet()) if (e.getKey().startsWith(prefix) && !e.getValue().isEmpty()) return true;
        return false;
    }

    private boolean seesDatabaseWide(String db) {
        for (Privilege p : global) if (p != Privilege.GRANT_OPTION && p.database) return true;
        EnumSet<Privilege> d = databases.get(db);
        return d != null && !d.isEmpty();
    }

    /** Any privilege on the database or something in it (USE and SHOW DATABASES allow it then). */
    public boolean seesDatabase(String db) {
        if (seesDatabaseWide(db)) return true;
        String prefix = db + "\0";
        for (var m : java.util.List.of(tables, columns, routines)) {
            for (var e : m.entrySet()) if (e.getKey().startsWith(prefix) && !e.getValue().isEmpty()) return true;
        }
        return false;
    }

    private static boolean has(Map<String, EnumSet<Privilege>> m, String key, Privilege p) {
        EnumSet<Privilege> s = m.get(key);
        return s != null && s.contains(p);
    }

    // ---------------------------------------------------------------- changes

    public Grants withGlobal(Set<Privilege> add, boolean grant) {
        EnumSet<Privilege> g = EnumSet.copyOf(global);
        if (grant) g.addAll(add); else g.removeAll(add);
        return new Grants(g, databases, tables, columns, routines);
    }

    public Grants withDatabase(String db, Set<Privilege> change, boolean grant) {
        return new Grants(global, changed(databases, db, change, grant), tables, columns, routines);
    }

    public Grants withTable(String db, String table, Set<Privilege> change, boolean grant) {
        return new Grants(global, databases, changed(tables, db + "\0" + table, change, grant), columns, routines);
    }

    public Grants withColumn(String db, String table, String column, Set<Privilege> change, boolean grant) {
        String key = db + "\0" + table + "\0" + column.toLowerCase(java.util.Locale.ROOT);
        return new Grants(global, databases, tables, changed(columns, key, change, grant), routines);
    }

    public Grants withRoutine(String db, String kind, String name, Set<Privilege> change, boolean grant) {
        String key = db + "\0" + kind + "\0" + name.toLowerCase(java.util.Locale.ROOT);
        return new Grants(global, databases, tables, columns, changed(routines, key, change, grant));
    }

    /** Drops every privilege on a table (its columns too), as DROP TABLE does not — used by REVOKE ALL only. */
    private static Map<String, EnumSet<Privilege>> changed(Map<String, EnumSet<Privilege>> m, String key,
                                                          Set<Privilege> change, boolean grant) {
        Map<String, EnumSet<Privilege>> copy = new TreeMap<>(m);
        EnumSet<Privilege> s = copy.containsKey(key) ? EnumSet.copyOf(copy.get(key)) : EnumSet.noneOf(Privilege.class);
        if (grant) s.addAll(change); else s.removeAll(change);
        if (s.isEmpty()) copy.remove(key); else copy.put(key, s);
        return copy;
    }

    /** Some column grant of the table exists. */
    public boolean hasAnyColumnEntry(String db, String table) {
        String prefix = db + "\0" + table + "\0";
        for (String k : columns.keySet()) if (k.startsWith(prefix)) return true;
        return false;
    }

    /** Whether REVOKE at this key has anything to take away (else MySQL says 1141/1147). */
    public boolean hasAnyAt(Privilege.Level level, String key) {
        Map<String, EnumSet<Privilege>> m = switch (level) {
            case GLOBAL -> null;
            case DATABASE -> databases;
            case TABLE -> tables;
            case COLUMN -> columns;
        };
        if (m == null) return true;
        return m.containsKey(key);
    }

    /** These grants plus another's (an account's with its active roles'). */
    public Grants union(Grants o) {
        if (o == NONE || o.isEmpty()) return this;
        EnumSet<Privilege> g = EnumSet.copyOf(global);
        g.addAll(o.global);
        return new Grants(g, merged(databases, o.databases), merged(tables, o.tables), merged(columns, o.columns),
                merged(routines, o.routines));
    }

    private boolean isEmpty() {
        return global.isEmpty() && databases.isEmpty() && tables.isEmpty() && columns.isEmpty() && routines.isEmpty();
    }

    private static Map<String, EnumSet<Privilege>> merged(Map<String, EnumSet<Privilege>> a, Map<String, EnumSet<Privilege>> b) {
        if (b.isEmpty()) return a;
        Map<String, EnumSet<Privilege>> out = new TreeMap<>(a);
        for (var e : b.entrySet()) {
            EnumSet<Privilege> s = out.containsKey(e.getKey()) ? EnumSet.copyOf(out.get(e.getKey())) : EnumSet.noneOf(Privilege.class);
            s.addAll(e.getValue());
            out.put(e.getKey(), s);
        }
        return out;
    }

    // ---------------------------------------------------------------- persistence

    /** One line per grant: kind TAB url-encoded key TAB comma-separated privilege names. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        line(sb, "G", "", global);
        for (var e : databases.entrySet()) line(sb, "D", e.getKey(), e.getValue());
        for (var e : tables.entrySet()) line(sb, "T", e.getKey(), e.getValue());
        for (var e : columns.entrySet()) line(sb, "C", e.getKey(), e.getValue());
        for (var e : routines.entrySet()) line(sb, "R", e.getKey(), e.getValue());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String kind, String key, Set<Privilege> privileges) {
        if (privileges.isEmpty()) return;
        sb.append(kind).append('\t').append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('\t');
        boolean first = true;
        for (Privilege p : privileges) {
            if (!first) sb.append(',');
            sb.append(p.name());
            first = false;
        }
        sb.append('\n');
    }

    public static Grants decode(String text) {
        EnumSet<Privilege> global = EnumSet.noneOf(Privilege.class);
        Map<String, EnumSet<Privilege>> d = new TreeMap<>(), t = new TreeMap<>(), c = new TreeMap<>(), r = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            String[] parts = line.split("\t", -1);
            EnumSet<Privilege> set = EnumSet.noneOf(Privilege.class);
            for (String name : parts[2].split(",")) if (!name.isEmpty()) set.add(Privilege.valueOf(name));
            String key = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            switch (parts[0]) {
                case "G" -> global.addAll(set);
                case "D" -> d.put(key, set);
                case "T" -> t.put(key, set);
                case "C" -> c.put(key, set);
                case "R" -> r.put(key, set);
                default -> { }
            }
        }
        return new Grants(global, d, t, c, r);
    }
}
