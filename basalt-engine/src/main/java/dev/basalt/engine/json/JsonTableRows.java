package dev.basalt.engine.json;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON_TABLE's row generator. A level is a path plus its columns and NESTED levels: each value the
 * level's path selects gives its own columns once, joined with the rows of each nested level in
 * turn (siblings do not multiply: while one sibling's rows are produced the other's columns are
 * NULL), and a value whose nested paths select nothing still gives one row (an outer join).
 */
public final class JsonTableRows {

    public enum Kind { ORDINALITY, VALUE, EXISTS }

    /** What ON EMPTY / ON ERROR gives: NULL, an error, or a default (JSON text). */
    public record Response(boolean error, String defaultJson) {
        public static final Response NULL = new Response(false, null);
    }

    /** One output column; index is its position in the row. */
    public record Column(Kind kind, int index, String name, SqlType type, JsonPath path, Response onEmpty, Response onError) {}

    public record Level(JsonPath path, List<Column> columns, List<Level> nested) {}

    private final Level root;
    private final int width;

    public JsonTableRows(Level root, int width) {
        this.root = root;
        this.width = width;
    }

    /** The rows for one document (SQL NULL gives no rows). */
    public List<Object[]> rows(EvalContext ctx, Object document, SqlType documentType) {
        List<Object[]> out = new ArrayList<>();
        if (document == null) return out;
        Object doc = JsonValues.document(document, documentType, 1, "json_table");
        List<Object> matches = root.path().select(doc);
        for (int i = 0; i < matches.size(); i++) out.addAll(level(ctx, root, matches.get(i), i + 1));
        return out;
    }

    private List<Object[]> level(EvalContext ctx, Level level, Object value, long ordinal) {
        Object[] base = new Object[width];
        for (Column c : level.columns()) base[c.index()] = column(ctx, c, value, ordinal);
        List<Object[]> out = new ArrayList<>();
        for (Level n : level.nested()) {
            List<Object> matches = n.path().select(value);
            for (int i = 0; i < matches.size(); i++) {
                for (Object[] child : level(ctx, n, matches.get(i), i + 1)) {
                    Object[] row = Arrays.copyOf(base, width);
                    fillFrom(row, child, n);
                    out.add(row);
                }
            }
        }
        if (out.isEmpty()) out.add(base);
        return out;
    }

    /** Copies the columns of a nested level (and its own nested levels) from child into row. */
    private static void fillFrom(Object[] row, Object[] child, Level n) {
        for (Column c : n.columns()) row[c.index()] = child[c.index()];
        for (Level m : n.nested()) fillFrom(row, child, m);
    }

    private static Object column(EvalContext ctx, Column c, Object value, long ordinal) {
        return switch (c.kind()) {
            case ORDINALITY -> ordinal;
            case EXISTS -> c.path().select(value).isEmpty() ? 0L : 1L;
            case VALUE -> {
                List<Object> hits = c.path().select(value);
                if (hits.isEmpty()) yield respond(ctx, c, c.onEmpty(), () -> new SqlException(3665, "22035",
                        "Missing value for JSON_TABLE column '" + c.name() + "'"));
                if (hits.size() > 1) yield respond(ctx, c, c.onError(), () -> new SqlException(3666, "22034",
                        "Can't store an array or an object in the scalar column '" + c.name() + "' of JSON_TABLE"));
                try {
                    yield convert(ctx, c, hits.getFirst());
                } catch (SqlException e) {
                    yield respond(ctx, c, c.onError(), () -> e);
                }
            }
        };
    }

    private static Object respond(EvalContext ctx, Column c, Response r, java.util.function.Supplier<SqlException> error) {
        if (r == null || (!r.error() && r.defaultJson() == null)) return null;
        if (r.error()) throw error.get();
        Object v = JsonParser.isValid(r.defaultJson()) ? JsonParser.parse(r.defaultJson()) : r.defaultJson();
        return convert(ctx, c, v);
    }

    /** A JSON value as the column's SQL type: JSON columns take it whole, others its scalar value. */
    private static Object convert(EvalContext ctx, Column c, Object v) {
        if (c.type().kind() == TypeKind.JSON) return Json.print(v);
        if (JsonValues.isContainer(v)) {
            throw new SqlException(3666, "22034", "Can't store an array or an object in the scalar column '" + c.name() + "' of JSON_TABLE");
        }
        Object sql = switch (v) {
            case Json.Null n -> null;
            case Boolean b -> b ? 1L : 0L;
            default -> JsonValues.isTemporal(v) ? JsonValues.unquoted(v) : v;
        };
        if (sql == null) return null;
        SqlType from = switch (sql) {
            case String s -> SqlType.LONGTEXT;
            case Double d -> SqlType.DOUBLE;
            case java.math.BigDecimal d -> SqlType.of(TypeKind.DECIMAL);
            default -> SqlType.BIGINT;
        };
        return Coercion.toColumn(new StrictContext(ctx), sql, from, c.type(), c.name(), 1);
    }

    /** Conversion problems are errors here, so ON ERROR decides what they become. */
    private record StrictContext(EvalContext ctx) implements EvalContext {
        public void warn(EvalContext.Level level, int code, String message) { ctx.warn(level, code, message); }
        public String currentUser() { return ctx.currentUser(); }
        public long groupConcatMaxLen() { return ctx.groupConcatMaxLen(); }
        public int divPrecisionIncrement() { return ctx.divPrecisionIncrement(); }
        public boolean postgresOperators() { return ctx.postgresOperators(); }
        public boolean sqlMode(dev.basalt.engine.expr.SqlMode mode) {
            return mode == dev.basalt.engine.expr.SqlMode.STRICT_ALL_TABLES || ctx.sqlMode(mode);
        }
        public java.time.LocalDateTime statementStart() { return ctx.statementStart(); }
        public java.time.ZoneId timeZone() { return ctx.timeZone(); }
        public long lastInsertId() { return ctx.lastInsertId(); }
        public void setLastInsertId(long id) { ctx.setLastInsertId(id); }
        public long connectionId() { return ctx.connectionId(); }
        public String database() { return ctx.database(); }
        public String user() { return ctx.user(); }
        public Object userVariable(String name) { return ctx.userVariable(name); }
        public void setUserVariable(String name, Object value) { ctx.setUserVariable(name, value); }
        public Object systemVariable(String name, boolean global) { return ctx.systemVariable(name, global); }
        public String version() { return ctx.version(); }
        public long rowCount() { return ctx.rowCount(); }
        public double random() { return ctx.random(); }
        public long foundRows() { return ctx.foundRows(); }
    }
}
