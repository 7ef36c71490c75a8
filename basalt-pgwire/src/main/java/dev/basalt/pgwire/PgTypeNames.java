package dev.basalt.pgwire;

import java.util.Locale;

/**
 * A Basalt (MySQL) column type, as information_schema.COLUMNS spells it, seen as PostgreSQL
 * sees a column: the type OID, its length in pg_type, and the text of format_type(). The OIDs
 * agree with {@link PgTypes#oid} (what RowDescription says for the same column).
 */
record PgTypeNames(int oid, String formatted, String typname, int typlen, int typmod) {

    /**
     * @param dataType   information_schema DATA_TYPE (int, varchar, decimal...)
     * @param columnType information_schema COLUMN_TYPE (int unsigned, varchar(40), decimal(10,2)...)
     */
    static PgTypeNames of(String dataType, String columnType) {
        return of(dataType, columnType, null);
    }

    /**
     * As {@link #of(String, String)}, for a column that declares one of the engine's logical types
     * (information_schema shows the MySQL type under it: char(36) for uuid, json for jsonb).
     */
    static PgTypeNames of(String dataType, String columnType, dev.basalt.engine.types.LogicalType logical) {
        if (logical != null) {
            return switch (logical) {
                case UUID -> fixed(PgTypes.UUID, "uuid", "uuid", 16);
                case BINARY_JSON -> new PgTypeNames(PgTypes.JSONB, "jsonb", "jsonb", -1, -1);
            };
        }
        String d = dataType.toLowerCase(Locale.ROOT);
        String c = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = c.contains("unsigned");
        String args = c.indexOf('(') >= 0 ? c.substring(c.indexOf('(') + 1, c.indexOf(')')) : "";
        return switch (d) {
            case "tinyint" -> c.startsWith("tinyint(1)") && !unsigned ? fixed(PgTypes.BOOL, "boolean", "bool", 1)
                    : fixed(PgTypes.INT2, "smallint", "int2", 2);
            case "smallint" -> unsigned ? fixed(PgTypes.INT4, "integer", "int4", 4) : fixed(PgTypes.INT2, "smallint", "int2", 2);
            case "year" -> fixed(PgTypes.INT2, "smallint", "int2", 2);
            case "mediumint" -> fixed(PgTypes.INT4, "integer", "int4", 4);
            case "int", "integer" -> unsigned ? fixed(PgTypes.INT8, "bigint", "int8", 8) : fixed(PgTypes.INT4, "integer", "int4", 4);
            case "bigint" -> unsigned ? new PgTypeNames(PgTypes.NUMERIC, "numeric(20,0)", "numeric", -1, numericMod(20, 0))
                    : fixed(PgTypes.INT8, "bigint", "int8", 8);
            case "bit" -> fixed(PgTypes.INT8, "bigint", "int8", 8);
            case "decimal", "numeric" -> {
                String[] ps = args.isEmpty() ? new String[] {"10", "0"} : args.split(",");
                int p = Integer.parseInt(ps[0].trim()), s = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
                yield new PgTypeNames(PgTypes.NUMERIC, "numeric(" + p + "," + s + ")", "numeric", -1, numericMod(p, s));
            }
            case "float" -> fixed(PgTypes.FLOAT4, "real", "float4", 4);
            case "double", "real" -> fixed(PgTypes.FLOAT8, "double precision", "float8", 8);
            // PgTypes sends CHAR columns as varchar: the catalog says the same
            case "char", "varchar" -> args.isEmpty() ? new PgTypeNames(PgTypes.VARCHAR, "character varying", "varchar", -1, -1)
                    : new PgTypeNames(PgTypes.VARCHAR, "character varying(" + args + ")", "varchar", -1, Integer.parseInt(args.trim()) + 4);
            case "enum", "set" -> new PgTypeNames(PgTypes.VARCHAR, "character varying", "varchar", -1, -1);
            case "tinytext", "text", "mediumtext", "longtext" -> new PgTypeNames(PgTypes.TEXT, "text", "text", -1, -1);
            case "json" -> new PgTypeNames(PgTypes.JSON, "json", "json", -1, -1);
            case "date" -> fixed(PgTypes.DATE, "date", "date", 4);
            case "time" -> withPrecision(PgTypes.TIME, "time", "time without time zone", args);
            case "datetime", "timestamp" -> withPrecision(PgTypes.TIMESTAMP, "timestamp", "timestamp without time zone", args);
            case "interval" -> fixed(PgTypes.INTERVAL, "interval", "interval", 16);
            case "array" -> {
                PgArrayTypes.Entry e = PgArrayTypes.of(dev.basalt.engine.types.ArrayElement.ofPgName(args));
                yield new PgTypeNames(e.arrayOid(), e.formatted(), e.arrayName(), -1, -1);
            }
            default -> new PgTypeNames(PgTypes.BYTEA, "bytea", "bytea", -1, -1); // binary strings, blobs, geometry
        };
    }

    private static PgTypeNames fixed(int oid, String formatted, String typname, int len) {
        return new PgTypeNames(oid, formatted, typname, len, -1);
    }

    /** PostgreSQL's default precision for time and timestamp is 6: only another one is spelled out. */
    private static PgTypeNames withPrecision(int oid, String typname, String full, String args) {
        int p = args.isEmpty() ? 0 : Integer.parseInt(args.trim());
        if (p == 6) return new PgTypeNames(oid, full, typname, 8, -1);
        return new PgTypeNames(oid, full.replaceFirst(" ", "(" + p + ") "), typname, 8, p);
    }

    /** pg_attribute.atttypmod of numeric(p,s). */
    private static int numericMod(int p, int s) {
        return ((p << 16) | s) + 4;
    }

    /** Whether a default of this type is shown unquoted (numbers, booleans). */
    boolean numericLiteral() {
        return switch (oid) {
            case PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.NUMERIC, PgTypes.FLOAT4, PgTypes.FLOAT8, PgTypes.BOOL -> true;
            default -> false;
        };
    }

    /** The type name psql's default expressions cast to: format_type without the length. */
    String castName() {
        int paren = formatted.indexOf('(');
        if (paren < 0) return formatted;
        return (formatted.substring(0, paren) + formatted.substring(formatted.indexOf(')') + 1)).trim();
    }
}
