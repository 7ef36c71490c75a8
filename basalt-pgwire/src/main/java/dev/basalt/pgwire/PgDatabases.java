package dev.basalt.pgwire;

import java.util.Locale;

/**
 * How PostgreSQL's databases and schemas map onto Basalt's (MySQL's) databases. A PostgreSQL
 * schema is a Basalt database; the PostgreSQL database a client connects to only picks the
 * default schema: {@code postgres}, {@code template1} and {@code public} select the Basalt database
 * {@code public}, which the server creates on first use; the user's own name (psql's default)
 * selects the Basalt database of that name when there is one, else {@code public}; any other
 * name selects that Basalt database.
 */
final class PgDatabases {
    static final String PUBLIC = "public";

    private PgDatabases() {}

    /** The Basalt database a PostgreSQL schema name stands for. */
    static String schemaToDatabase(String schema) {
        return schema.equalsIgnoreCase("pg_catalog") ? "information_schema" : schema;
    }

    /** True when connecting to this PostgreSQL database means schema public. */
    static boolean meansPublic(String database, String user) {
        return database == null || database.isEmpty() || database.equals("postgres") || database.equals("template1")
                || database.equals(user) && !database.equals(PUBLIC) || database.toLowerCase(Locale.ROOT).equals(PUBLIC);
    }
}
