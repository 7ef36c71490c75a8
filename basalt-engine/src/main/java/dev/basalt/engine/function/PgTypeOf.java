package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

/**
 * PostgreSQL's {@code pg_typeof(x)}: the name of the argument's type as PostgreSQL spells a
 * regtype ({@code integer}, {@code character varying}, {@code timestamp without time zone},
 * {@code integer[]}), decided from the type the argument was bound with, whatever its value. The
 * names follow the PostgreSQL port's type mapping (the OID its RowDescription announces for the
 * same type: a MySQL INT is integer, DATETIME timestamp without time zone, TIMESTAMP timestamp with time zone...),
 * with PostgreSQL's own view of bare literals: an integer literal is integer (bigint past 32 bits),
 * a quoted string or NULL is unknown.
 */
final class PgTypeOf {
    private PgTypeOf() {}

    static void register() {
        Functions.register("PG_TYPEOF", 1, 1, (n, a) -> {
            String name = name(a.getFirst());
            return new FunctionCall(n, a, SqlType.varchar(64), false, true, (ctx, row, args) -> name);
        });
    }

    static String name(Expr e) {
        if (e instanceof Literal l) {
            if (l.value() == null || l.value() instanceof String) return "unknown";
            if (l.value() instanceof Long v && l.type().kind().isNumeric()) {
                return v == (int) (long) v ? "integer" : "bigint";
            }
        }
        return name(e.type());
    }

    static String name(SqlType type) {
        if (type == Types.BOOL_RESULT) return "boolean";
        if (type.logical() != null) {
            return switch (type.logical()) {
                case UUID -> "uuid";
                case BINARY_JSON -> "jsonb";
            };
        }
        return switch (type.kind()) {
            case TINYINT -> type.length() == 1 && !type.unsigned() ? "boolean" : "smallint";
            case SMALLINT -> type.unsigned() ? "integer" : "smallint";
            case YEAR -> "smallint";
            case MEDIUMINT -> "integer";
            case INT -> type.unsigned() ? "bigint" : "integer";
            case BIGINT -> type.unsigned() ? "numeric" : "bigint";
            case BIT -> "bigint";
            case DECIMAL -> "numeric";
            case FLOAT -> "real";
            case DOUBLE -> "double precision";
            case CHAR, VARCHAR, ENUM, SET -> "character varying";
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> "text";
            case NULL_TYPE -> "unknown";
            case JSON -> "json";
            case DATE -> "date";
            case TIME -> "time without time zone";
            case DATETIME -> "timestamp without time zone";
            case TIMESTAMP -> "timestamp with time zone"; // the port's timestamptz
            case INTERVAL -> "interval";
            case ARRAY -> element(type.arrayElement()) + "[]";
            default -> "bytea"; // binary strings and geometry
        };
    }

    private static String element(ArrayElement e) {
        return switch (e) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case NUMERIC -> "numeric";
            case TEXT -> "text";
            case VARCHAR -> "character varying";
            case BOOL -> "boolean";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp without time zone";
            case UUID -> "uuid";
        };
    }
}
