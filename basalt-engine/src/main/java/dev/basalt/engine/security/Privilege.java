package dev.basalt.engine.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MySQL 8's static privileges, in the order SHOW GRANTS lists them, with the levels each may
 * be granted at. GRANT OPTION is kept with them as a privilege of its own.
 */
public enum Privilege {
    SELECT("SELECT", true, true, true, true),
    INSERT("INSERT", true, true, true, true),
    UPDATE("UPDATE", true, true, true, true),
    DELETE("DELETE", true, true, true, false),
    CREATE("CREATE", true, true, true, false),
    DROP("DROP", true, true, true, false),
    RELOAD("RELOAD", true, false, false, false),
    SHUTDOWN("SHUTDOWN", true, false, false, false),
    PROCESS("PROCESS", true, false, false, false),
    FILE("FILE", true, false, false, false),
    REFERENCES("REFERENCES", true, true, true, true),
    INDEX("INDEX", true, true, true, false),
    ALTER("ALTER", true, true, true, false),
    SHOW_DATABASES("SHOW DATABASES", true, false, false, false),
    SUPER("SUPER", true, false, false, false),
    CREATE_TEMPORARY_TABLES("CREATE TEMPORARY TABLES", true, true, false, false),
    LOCK_TABLES("LOCK TABLES", true, true, false, false),
    EXECUTE("EXECUTE", true, true, false, false),
    REPLICATION_SLAVE("REPLICATION SLAVE", true, false, false, false),
    REPLICATION_CLIENT("REPLICATION CLIENT", true, false, false, false),
    CREATE_VIEW("CREATE VIEW", true, true, true, false),
    SHOW_VIEW("SHOW VIEW", true, true, true, false),
    CREATE_ROUTINE("CREATE ROUTINE", true, true, false, false),
    ALTER_ROUTINE("ALTER ROUTINE", true, true, false, false),
    CREATE_USER("CREATE USER", true, false, false, false),
    EVENT("EVENT", true, true, false, false),
    TRIGGER("TRIGGER", true, true, true, false),
    CREATE_TABLESPACE("CREATE TABLESPACE", true, false, false, false),
    CREATE_ROLE("CREATE ROLE", true, false, false, false),
    DROP_ROLE("DROP ROLE", true, false, false, false),
    GRANT_OPTION("GRANT OPTION", true, true, true, false);

    public final String sql;
    final boolean global, database, table, column;

    Privilege(String sql, boolean global, boolean database, boolean table, boolean column) {
        this.sql = sql;
        this.global = global;
        this.database = database;
        this.table = table;
        this.column = column;
    }

    /** The privilege spelled {@code name} (upper case, single spaces), or null. */
    public static Privilege named(String name) {
        if (name.equals("SLAVE")) return null;
        for (Privilege p : values()) if (p.sql.equals(name)) return p;
        return null;
    }

    public boolean allowedAt(Level level) {
        return switch (level) {
            case GLOBAL -> global;
            case DATABASE -> database;
            case TABLE -> table;
            case COLUMN -> column;
        };
    }

    /** What ALL [PRIVILEGES] means at a level: everything grantable there but GRANT OPTION. */
    public static List<Privilege> all(Level level) {
        List<Privilege> out = new ArrayList<>();
        for (Privilege p : values()) if (p != GRANT_OPTION && p.allowedAt(level)) out.add(p);
        return out;
    }

    public static String list(Set<Privilege> privileges) {
        StringBuilder sb = new StringBuilder();
        for (Privilege p : values()) {
            if (p == GRANT_OPTION || !privileges.contains(p)) continue;
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(p.sql);
        }
        return sb.toString();
    }

    public enum Level { GLOBAL, DATABASE, TABLE, COLUMN }
}
