package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.Grant;
import dev.basalt.sql.ast.GrantTarget;
import dev.basalt.sql.ast.PrivilegeItem;
import dev.basalt.sql.ast.Revoke;
import dev.basalt.sql.ast.ShowGrants;
import dev.basalt.sql.ast.UserSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GRANT, REVOKE and SHOW GRANTS at the global, database, table and column level. The grantor
 * needs GRANT OPTION and the privileges it hands out at that level (MySQL's rule).
 */
final class GrantStatements {
    private GrantStatements() {}

    /** One parsed GRANT/REVOKE target: level plus names (db and table null where not used). */
    private record Target(Privilege.Level level, String db, String table, String routineKind) {}

    private static Target target(BasaltSession s, GrantTarget g) {
        if (g.global()) return new Target(Privilege.Level.GLOBAL, null, null, null);
        String db = g.database();
        if (db == null) {
            db = s.database();
            if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        }
        if ("*".equals(db)) throw ErrorCode.ER_SYNTAX_ERROR.error();
        if (!g.objectType().equals("TABLE")) {
            if (g.table().equals("*")) throw ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE.error();
            return new Target(Privilege.Level.TABLE, db, g.table(), g.objectType());
        }
        if (g.table().equals("*")) return new Target(Privilege.Level.DATABASE, db, null, null);
        return new Target(Privilege.Level.TABLE, db, g.table(), null);
    }

    /** The privileges named, checked against the level; ALL expands. Column lists are returned apart. */
    private static EnumSet<Privilege> privileges(List<PrivilegeItem> items, Target t, Map<String, EnumSet<Privilege>> columns,
                                                 boolean grantOption) {
        EnumSet<Privilege> out = EnumSet.noneOf(Privilege.class);
        Privilege.Level level = t.level();
        for (PrivilegeItem item : items) {
            if (item.name().equals("ALL")) {
                if (t.routineKind() != null) {
                    out.add(Privilege.EXECUTE);
                    out.add(Privilege.ALTER_ROUTINE);
                } else {
                    out.addAll(Privilege.all(level));
                }
                continue;
            }
            if (item.name().equals("USAGE")) continue;
            Privilege p = Privilege.named(item.name());
            if (p == null) throw ErrorCode.ER_SYNTAX_ERROR.error();
            if (!item.columns().isEmpty()) {
                if (level != Privilege.Level.TABLE || t.routineKind() != null || !p.column) {
                    throw ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE.error();
                }
                for (String c : item.columns()) {
                    columns.computeIfAbsent(c, k -> EnumSet.noneOf(Privilege.class)).add(p);
                }
                continue;
            }
            boolean ok = t.routineKind() != null
                    ? (p == Privilege.EXECUTE || p == Privilege.ALTER_ROUTINE || p == Privilege.GRANT_OPTION)
                    : p.allowedAt(level);
            if (!ok) {
                if (level == Privilege.Level.DATABASE) {
                    throw new SqlException(1221, "HY000", "Incorrect usage of DB GRANT and GLOBAL PRIVILEGES");
                }
                throw ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE.error();
            }
            out.add(p);
        }
        if (grantOption) out.add(Privilege.GRANT_OPTION);
        return out;
    }

    /** The grantor must hold GRANT OPTION and every privilege it passes on, at the target's level. */
    private static void checkGrantor(BasaltSession s, Target t, EnumSet<Privilege> privs, Map<String, EnumSet<Privilege>> cols) {
        Grants mine = s.principal().grants(s.engine().accounts());
        EnumSet<Privilege> needed = EnumSet.copyOf(privs);
        needed.add(Privilege.GRANT_OPTION);
        for (EnumSet<Privilege> c : cols.values()) needed.addAll(c);
        for (Privilege p : needed) {
            boolean has = switch (t.level()) {
                case GLOBAL -> mine.hasGlobal(p);
                case DATABASE -> mine.hasDatabase(t.db(), p);
                case TABLE, COLUMN -> t.routineKind() != null ? mine.hasRoutine(t.db(), t.routineKind(), t.table(), p)
                        : mine.hasTable(t.db(), t.table(), p);
            };
            if (has) continue;
            Principal me = s.principal();
            throw switch (t.level()) {
                case GLOBAL -> ErrorCode.ER_ACCESS_DENIED.error(me.user(), me.host(), "YES");
                case DATABASE -> ErrorCode.ER_DBACCESS_DENIED.error(me.user(), me.host(), t.db());
                default -> ErrorCode.ER_TABLEACCESS_DENIED.error(p == Privilege.GRANT_OPTION ? "GRANT" : p.sql,
                        me.user(), me.host(), t.table());
            };
        }
    }

    private static Grants apply(Grants g, Target t, EnumSet<Privilege> privs, Map<String, EnumSet<Privilege>> cols, boolean grant) {
        switch (t.level()) {
            case GLOBAL -> g = g.withGlobal(privs, grant);
            case DATABASE -> g = g.withDatabase(t.db(), privs, grant);
            default -> {
                if (t.routineKind() != null) {
                    g = g.withRoutine(t.db(), t.routineKind(), t.table(), privs, grant);
                } else {
                    if (!privs.isEmpty()) g = g.withTable(t.db(), t.table(), privs, grant);
                    for (var e : cols.entrySet()) g = g.withColumn(t.db(), t.table(), e.getKey(), e.getValue(), grant);
                }
            }
        }
        return g;
    }

    static Result grant(BasaltSession s, Grant g) {
        if (!g.roles().isEmpty()) {
            return RoleStatements.grant(s, g.roles(), g.users());
        }
        Target t = target(s, g.target());
        Map<String, EnumSet<Privilege>> cols = new TreeMap<>();
        EnumSet<Privilege> privs = privileges(g.privileges(), t, cols, g.grantOption());
        checkGrantor(s, t, privs, cols);
        if (t.level() == Privilege.Level.TABLE && t.routineKind() == null) {
            var cat = s.engine().catalog().snapshot(s.transaction().current());
            var table = cat.table(t.db(), t.table());
            if (table.isEmpty() && cat.view(t.db(), t.table()).isEmpty()) {
                throw ErrorCode.ER_NO_SUCH_TABLE.error(t.db(), t.table());
            }
        }
        s.transaction().implicitCommit();
        return s.transaction().run(tx -> {
            List<Account> changed = new ArrayList<>();
            for (UserSpec written : g.users()) {
                UserSpec u = AccountStatements.resolve(s, written);
                if (Accounts.isRoot(u.user())) continue; // root already holds everything
                Account a = s.engine().accounts().get(u.user(), u.host()).orElseThrow(
                        () -> new SqlException(1410, "42000", "You are not allowed to create a user with GRANT"));
                changed.add(a.withGrants(apply(a.grants(), t, privs, cols, true)));
            }
            for (Account a : changed) s.engine().accounts().put(tx, a);
            return Results.ok();
        });
    }

    static Result revoke(BasaltSession s, Revoke r) {
        if (r.allAndGrantOption()) {
            AccountStatements.requireCreateUser(s);
            s.transaction().implicitCommit();
            return s.transaction().run(tx -> {
                for (UserSpec written : r.users()) {
                    UserSpec u = AccountStatements.resolve(s, written);
                    if (Accounts.isRoot(u.user())) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("REVOKE from root (root is built in)");
                    Account a = s.engine().accounts().get(u.user(), u.host())
                            .orElseThrow(() -> ErrorCode.ER_CANNOT_USER.error("REVOKE", Account.quoted(u.user(), u.host())));
                    s.engine().accounts().put(tx, a.withGrants(Grants.NONE));
                }
                return Results.ok();
            });
        }
        Target t = target(s, r.target());
        Map<String, EnumSet<Privilege>> cols = new TreeMap<>();
        EnumSet<Privilege> privs = privileges(r.privileges(), t, cols, r.grantOption());
        checkGrantor(s, t, privs, cols);
        s.transaction().implicitCommit();
        return s.transaction().run(tx -> {
            List<Account> changed = new ArrayList<>();
            for (UserSpec written : r.users()) {
                UserSpec u = AccountStatements.resolve(s, written);
                if (Accounts.isRoot(u.user())) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("REVOKE from root (root is built in)");
                Account a = s.engine().accounts().get(u.user(), u.host())
                        .orElseThrow(() -> ErrorCode.ER_NONEXISTING_GRANT.error(u.user(), u.host()));
                Grants g = a.grants();
                boolean present = switch (t.level()) {
                    case GLOBAL -> true;
                    case DATABASE -> g.databases().containsKey(t.db());
                    default -> t.routineKind() != null
                            ? g.routines().containsKey(t.db() + "\0" + t.routineKind() + "\0" + t.table().toLowerCase(java.util.Locale.ROOT))
                            : g.tables().containsKey(t.db() + "\0" + t.table()) || g.hasAnyColumnEntry(t.db(), t.table());
                };
                if (!present) {
                    throw t.level() == Privilege.Level.DATABASE ? ErrorCode.ER_NONEXISTING_GRANT.error(u.user(), u.host())
                            : ErrorCode.ER_NONEXISTING_TABLE_GRANT.error(u.user(), u.host(), t.table());
                }
                changed.add(a.withGrants(apply(g, t, privs, cols, false)));
            }
            for (Account a : changed) s.engine().accounts().put(tx, a);
            return Results.ok();
        });
    }

    // ---------------------------------------------------------------- SHOW GRANTS

    static Result show(BasaltSession s, ShowGrants sg) {
        UserSpec u = sg.user() == null ? UserSpec.of(s.principal().user(), s.principal().host())
                : AccountStatements.resolve(s, sg.user());
        boolean self = u.user().equals(s.principal().user()) && u.host().equalsIgnoreCase(s.principal().host());
        if (!self && !s.principal().grants(s.engine().accounts()).hasDatabase("mysql", Privilege.SELECT)) {
            throw ErrorCode.ER_DBACCESS_DENIED.error(s.principal().user(), s.principal().host(), "mysql");
        }
        Account a = s.engine().accounts().get(u.user(), u.host())
                .orElseThrow(() -> ErrorCode.ER_NONEXISTING_GRANT.error(u.user(), u.host()));
        List<Object[]> rows = new ArrayList<>();
        for (String line : lines(a)) rows.add(new Object[]{line});
        return Results.rows(Results.textColumns("Grants for " + a.user() + "@" + a.host()), rows);
    }

    /** SHOW GRANTS lines, in MySQL 8's order: global, databases, tables (with their columns), routines. */
    static List<String> lines(Account a) {
        String to = " TO `" + a.user() + "`@`" + a.host() + "`";
        Grants g = a.grants();
        List<String> out = new ArrayList<>();
        EnumSet<Privilege> global = g.global().isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(g.global());
        String globalList = Privilege.list(global);
        out.add("GRANT " + (globalList.isEmpty() ? "USAGE" : globalList) + " ON *.*" + to
                + (global.contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : ""));
        for (var e : g.databases().entrySet()) {
            out.add("GRANT " + listAt(e.getValue(), Privilege.Level.DATABASE) + " ON `" + e.getKey() + "`.*" + to
                    + (e.getValue().contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : ""));
        }
        // tables, merged with their column grants
        Map<String, EnumSet<Privilege>> tables = new TreeMap<>(g.tables());
        Map<String, Map<Privilege, List<String>>> columns = new TreeMap<>();
        for (var e : g.columns().entrySet()) {
            String[] k = e.getKey().split("\0", 3);
            String key = k[0] + "\0" + k[1];
            tables.putIfAbsent(key, EnumSet.noneOf(Privilege.class));
            for (Privilege p : e.getValue()) {
                columns.computeIfAbsent(key, x -> new TreeMap<>()).computeIfAbsent(p, x -> new ArrayList<>()).add(k[2]);
            }
        }
        for (var e : tables.entrySet()) {
            String[] k = e.getKey().split("\0", 2);
            List<String> parts = new ArrayList<>();
            String plain = listAt(e.getValue(), Privilege.Level.TABLE);
            Map<Privilege, List<String>> cols = columns.getOrDefault(e.getKey(), Map.of());
            for (Privilege p : Privilege.values()) {
                if (e.getValue().contains(p) && p != Privilege.GRANT_OPTION && !plain.equals("ALL PRIVILEGES")) parts.add(p.sql);
                if (cols.containsKey(p)) {
                    StringBuilder sb = new StringBuilder(p.sql).append(" (");
                    List<String> names = cols.get(p);
                    for (int i = 0; i < names.size(); i++) sb.append(i > 0 ? ", " : "").append('`').append(names.get(i)).append('`');
                    parts.add(sb.append(')').toString());
                }
            }
            if (plain.equals("ALL PRIVILEGES")) parts.add(0, plain);
            if (parts.isEmpty()) parts.add("USAGE");
            out.add("GRANT " + String.join(", ", parts) + " ON `" + k[0] + "`.`" + k[1] + "`" + to
                    + (e.getValue().contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : ""));
        }
        for (var e : g.routines().entrySet()) {
            String[] k = e.getKey().split("\0", 3);
            out.add("GRANT " + Privilege.list(e.getValue()) + " ON " + k[1] + " `" + k[0] + "`.`" + k[2] + "`" + to
                    + (e.getValue().contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : ""));
        }
        String roles = RoleStatements.showLine(a);
        if (roles != null) out.add(roles);
        return out;
    }

    /** "ALL PRIVILEGES" when every privilege of the level is there, else the list. */
    private static String listAt(EnumSet<Privilege> privs, Privilege.Level level) {
        if (privs.containsAll(Privilege.all(level))) return "ALL PRIVILEGES";
        String list = Privilege.list(privs);
        return list.isEmpty() ? "USAGE" : list;
    }
}
