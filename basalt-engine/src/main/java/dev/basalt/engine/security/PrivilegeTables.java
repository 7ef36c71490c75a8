package dev.basalt.engine.security;

import dev.basalt.engine.session.BasaltSession;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grant tables as rows, generated from {@link Accounts} on each read: {@code mysql.user},
 * {@code mysql.db}, {@code mysql.tables_priv}, {@code mysql.columns_priv} (MySQL 8's columns; the
 * tables are read-only views of the accounts, changed only through CREATE USER / GRANT / ...) and
 * information_schema's USER_ / SCHEMA_ / TABLE_ / COLUMN_PRIVILEGES. As in MySQL, an account
 * without SELECT on the {@code mysql} schema sees only its own rows in the information_schema ones.
 */
public final class PrivilegeTables {
    private PrivilegeTables() {}

    /** Column names and rows of one generated table. */
    public record Rows(List<String> columns, List<Object[]> rows) {}

    private static final List<Privilege> USER_COLUMNS = List.of(Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE,
            Privilege.DELETE, Privilege.CREATE, Privilege.DROP, Privilege.RELOAD, Privilege.SHUTDOWN, Privilege.PROCESS,
            Privilege.FILE, Privilege.GRANT_OPTION, Privilege.REFERENCES, Privilege.INDEX, Privilege.ALTER,
            Privilege.SHOW_DATABASES, Privilege.SUPER, Privilege.CREATE_TEMPORARY_TABLES, Privilege.LOCK_TABLES,
            Privilege.EXECUTE, Privilege.REPLICATION_SLAVE, Privilege.REPLICATION_CLIENT, Privilege.CREATE_VIEW,
            Privilege.SHOW_VIEW, Privilege.CREATE_ROUTINE, Privilege.ALTER_ROUTINE, Privilege.CREATE_USER,
            Privilege.EVENT, Privilege.TRIGGER, Privilege.CREATE_TABLESPACE);
    private static final List<String> USER_NAMES = List.of("Select_priv", "Insert_priv", "Update_priv", "Delete_priv",
            "Create_priv", "Drop_priv", "Reload_priv", "Shutdown_priv", "Process_priv", "File_priv", "Grant_priv",
            "References_priv", "Index_priv", "Alter_priv", "Show_db_priv", "Super_priv", "Create_tmp_table_priv",
            "Lock_tables_priv", "Execute_priv", "Repl_slave_priv", "Repl_client_priv", "Create_view_priv",
            "Show_view_priv", "Create_routine_priv", "Alter_routine_priv", "Create_user_priv", "Event_priv",
            "Trigger_priv", "Create_tablespace_priv");
    private static final List<Privilege> DB_COLUMNS = List.of(Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE,
            Privilege.DELETE, Privilege.CREATE, Privilege.DROP, Privilege.GRANT_OPTION, Privilege.REFERENCES,
            Privilege.INDEX, Privilege.ALTER, Privilege.CREATE_TEMPORARY_TABLES, Privilege.LOCK_TABLES,
            Privilege.CREATE_VIEW, Privilege.SHOW_VIEW, Privilege.CREATE_ROUTINE, Privilege.ALTER_ROUTINE,
            Privilege.EXECUTE, Privilege.EVENT, Privilege.TRIGGER);
    private static final List<String> DB_NAMES = List.of("Select_priv", "Insert_priv", "Update_priv", "Delete_priv",
            "Create_priv", "Drop_priv", "Grant_priv", "References_priv", "Index_priv", "Alter_priv",
            "Create_tmp_table_priv", "Lock_tables_priv", "Create_view_priv", "Show_view_priv", "Create_routine_priv",
            "Alter_routine_priv", "Execute_priv", "Event_priv", "Trigger_priv");

    /** The generated table {@code schema.name} (schema "mysql" or "information_schema"), or null. */
    public static Rows find(BasaltSession s, String schema, String name) {
        Accounts accounts = s.engine().accounts();
        if (schema.equals("mysql")) {
            return switch (name) {
                case "user" -> user(accounts.all());
                case "db" -> db(accounts.all());
                case "tables_priv" -> tablesPriv(accounts.all());
                case "columns_priv" -> columnsPriv(accounts.all());
                default -> null;
            };
        }
        List<Account> visible = visibleAccounts(s);
        return switch (name) {
            case "USER_PRIVILEGES" -> userPrivileges(visible);
            case "SCHEMA_PRIVILEGES" -> schemaPrivileges(visible);
            case "TABLE_PRIVILEGES" -> tablePrivileges(visible);
            case "COLUMN_PRIVILEGES" -> columnPrivileges(visible);
            default -> null;
        };
    }

    private static List<Account> visibleAccounts(BasaltSession s) {
        Principal me = s.principal();
        List<Account> all = s.engine().accounts().all();
        if (me.grants(s.engine().accounts()).hasDatabase("mysql", Privilege.SELECT)) return all;
        return all.stream().filter(a -> a.user().equals(me.user()) && a.host().equalsIgnoreCase(me.host())).toList();
    }

    private static String yn(Set<Privilege> s, Privilege p) { return s.contains(p) ? "Y" : "N"; }

    /** mysql.user's ssl_cipher / x509_* columns: empty (not NULL) where no value was required. */
    private static String text(String s) { return s == null ? "" : s; }

    private static Rows user(List<Account> accounts) {
        List<String> cols = new ArrayList<>(List.of("Host", "User"));
        cols.addAll(USER_NAMES);
        cols.addAll(List.of("ssl_type", "ssl_cipher", "x509_issuer", "x509_subject", "max_questions", "max_updates",
                "max_connections", "max_user_connections", "plugin", "authentication_string", "password_expired",
                "password_last_changed", "password_lifetime", "account_locked", "Create_role_priv", "Drop_role_priv",
                "Password_reuse_history", "Password_reuse_time", "Password_require_current", "User_attributes"));
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            List<Object> r = new ArrayList<>(List.of(a.host(), a.user()));
            Set<Privilege> g = a.grants().global();
            for (Privilege p : USER_COLUMNS) r.add(yn(g, p));
            // ssl_type ANY is REQUIRE SSL, X509 / SPECIFIED the stricter ones, '' REQUIRE NONE
            r.addAll(List.of(a.tls().type(), text(a.tls().cipher()), text(a.tls().issuer()), text(a.tls().subject()), 0L, 0L, 0L, 0L, a.plugin(), a.authenticationString(), "N"));
            r.add(null);
            r.add(null);
            r.add(a.locked() ? "Y" : "N");
            r.add(yn(g, Privilege.CREATE_ROLE));
            r.add(yn(g, Privilege.DROP_ROLE));
            r.add(null);
            r.add(null);
            r.add(null);
            r.add(null);
            rows.add(r.toArray());
        }
        return new Rows(cols, rows);
    }

    private static Rows db(List<Account> accounts) {
        List<String> cols = new ArrayList<>(List.of("Host", "Db", "User"));
        cols.addAll(DB_NAMES);
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (Map.Entry<String, EnumSet<Privilege>> e : a.grants().databases().entrySet()) {
                List<Object> r = new ArrayList<>(List.of(a.host(), e.getKey(), a.user()));
                for (Privilege p : DB_COLUMNS) r.add(yn(e.getValue(), p));
                rows.add(r.toArray());
            }
        }
        return new Rows(cols, rows);
    }

    /** MySQL's SET spelling in tables_priv ("Select,Insert,Create View,Show view,..."). */
    private static String setText(Set<Privilege> privs) {
        StringBuilder sb = new StringBuilder();
        for (Privilege p : privs) {
            String word = switch (p) {
                case GRANT_OPTION -> "Grant";
                case CREATE_VIEW -> "Create View";
                case SHOW_VIEW -> "Show view";
                default -> p.sql.charAt(0) + p.sql.substring(1).toLowerCase(java.util.Locale.ROOT);
            };
            if (!sb.isEmpty()) sb.append(',');
            sb.append(word);
        }
        return sb.toString();
    }

    private static Rows tablesPriv(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (var e : a.grants().tables().entrySet()) {
                String[] k = e.getKey().split("\0", 2);
                EnumSet<Privilege> colPrivs = EnumSet.noneOf(Privilege.class);
                for (var c : a.grants().columns().entrySet()) if (c.getKey().startsWith(e.getKey() + "\0")) colPrivs.addAll(c.getValue());
                rows.add(new Object[]{a.host(), k[0], a.user(), k[1], "root@localhost", null, setText(e.getValue()), setText(colPrivs)});
            }
        }
        return new Rows(List.of("Host", "Db", "User", "Table_name", "Grantor", "Timestamp", "Table_priv", "Column_priv"), rows);
    }

    private static Rows columnsPriv(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (var e : a.grants().columns().entrySet()) {
                String[] k = e.getKey().split("\0", 3);
                rows.add(new Object[]{a.host(), k[0], a.user(), k[1], k[2], null, setText(e.getValue())});
            }
        }
        return new Rows(List.of("Host", "Db", "User", "Table_name", "Column_name", "Timestamp", "Column_priv"), rows);
    }

    private static String grantee(Account a) { return "'" + a.user() + "'@'" + a.host() + "'"; }

    private static String grantable(Set<Privilege> s) { return s.contains(Privilege.GRANT_OPTION) ? "YES" : "NO"; }

    private static Rows userPrivileges(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            Set<Privilege> g = a.grants().global();
            boolean any = false;
            for (Privilege p : Privilege.values()) {
                if (p == Privilege.GRANT_OPTION || !g.contains(p)) continue;
                rows.add(new Object[]{grantee(a), "def", p.sql, grantable(g)});
                any = true;
            }
            if (!any) rows.add(new Object[]{grantee(a), "def", "USAGE", "NO"});
        }
        return new Rows(List.of("GRANTEE", "TABLE_CATALOG", "PRIVILEGE_TYPE", "IS_GRANTABLE"), rows);
    }

    private static Rows schemaPrivileges(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (var e : a.grants().databases().entrySet()) {
                for (Privilege p : e.getValue()) {
                    if (p != Privilege.GRANT_OPTION) rows.add(new Object[]{grantee(a), "def", e.getKey(), p.sql, grantable(e.getValue())});
                }
            }
        }
        return new Rows(List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "PRIVILEGE_TYPE", "IS_GRANTABLE"), rows);
    }

    private static Rows tablePrivileges(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (var e : a.grants().tables().entrySet()) {
                String[] k = e.getKey().split("\0", 2);
                for (Privilege p : e.getValue()) {
                    if (p != Privilege.GRANT_OPTION) rows.add(new Object[]{grantee(a), "def", k[0], k[1], p.sql, grantable(e.getValue())});
                }
            }
        }
        return new Rows(List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "PRIVILEGE_TYPE", "IS_GRANTABLE"), rows);
    }

    private static Rows columnPrivileges(List<Account> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (Account a : accounts) {
            for (var e : a.grants().columns().entrySet()) {
                String[] k = e.getKey().split("\0", 3);
                boolean grantable = a.grants().tables().getOrDefault(k[0] + "\0" + k[1], EnumSet.noneOf(Privilege.class))
                        .contains(Privilege.GRANT_OPTION);
                for (Privilege p : e.getValue()) {
                    rows.add(new Object[]{grantee(a), "def", k[0], k[1], k[2], p.sql, grantable ? "YES" : "NO"});
                }
            }
        }
        return new Rows(List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "PRIVILEGE_TYPE",
                "IS_GRANTABLE"), rows);
    }
}
