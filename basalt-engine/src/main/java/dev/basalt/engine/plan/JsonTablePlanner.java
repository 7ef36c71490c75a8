package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.LateralOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.json.JsonPath;
import dev.basalt.engine.json.JsonTableRows;
import dev.basalt.engine.statement.TableSpecs;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.JsonTable;
import dev.basalt.sql.ast.JsonTableColumn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * JSON_TABLE in FROM: compiles the COLUMNS clause into a {@link JsonTableRows} generator and
 * makes it a relation, either on its own (the document does not read other tables of the FROM
 * clause) or laterally after the tables to its left, whose columns the document may use.
 */
final class JsonTablePlanner {
    private JsonTablePlanner() {}

    /** The compiled table: its generator and its columns (aliased). */
    record Compiled(JsonTableRows rows, List<PlanColumn> columns) {}

    static Compiled compile(JsonTable t) {
        if (t.alias() == null) throw new SqlException(ErrorCode.ER_DERIVED_MUST_HAVE_ALIAS);
        List<PlanColumn> cols = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonTableRows.Level root = level(JsonPath.parse(t.path()), t.columns(), t.alias(), cols, names);
        return new Compiled(new JsonTableRows(root, cols.size()), cols);
    }

    private static JsonTableRows.Level level(JsonPath path, List<JsonTableColumn> spec, String alias,
                                             List<PlanColumn> cols, Set<String> names) {
        List<JsonTableRows.Column> mine = new ArrayList<>();
        List<JsonTableRows.Level> nested = new ArrayList<>();
        for (JsonTableColumn c : spec) {
            switch (c) {
                case JsonTableColumn.Ordinality o -> mine.add(new JsonTableRows.Column(JsonTableRows.Kind.ORDINALITY,
                        add(cols, names, alias, o.name(), SqlType.of(dev.basalt.engine.types.TypeKind.INT, 10).withUnsigned(true)),
                        o.name(), null, null, null, null));
                case JsonTableColumn.Value v -> {
                    SqlType type = TableSpecs.type(v.type(), v.name(), null);
                    int index = add(cols, names, alias, v.name(), type);
                    mine.add(new JsonTableRows.Column(v.exists() ? JsonTableRows.Kind.EXISTS : JsonTableRows.Kind.VALUE,
                            index, v.name(), type, JsonPath.parse(v.path()), response(v.onEmpty()), response(v.onError())));
                }
                case JsonTableColumn.Nested n -> nested.add(level(JsonPath.parse(n.path()), n.columns(), alias, cols, names));
            }
        }
        return new JsonTableRows.Level(path, mine, nested);
    }

    private static JsonTableRows.Response response(JsonTableColumn.OnResponse r) {
        if (r == null) return JsonTableRows.Response.NULL;
        return switch (r.kind()) {
            case NULL -> JsonTableRows.Response.NULL;
            case ERROR -> new JsonTableRows.Response(true, null);
            case DEFAULT -> new JsonTableRows.Response(false, r.defaultJson());
        };
    }

    private static int add(List<PlanColumn> cols, Set<String> names, String alias, String name, SqlType type) {
        if (!names.add(name.toLowerCase(Locale.ROOT))) throw new SqlException(ErrorCode.ER_DUP_FIELDNAME, name);
        cols.add(new PlanColumn("", alias, name, type, true, ColumnInfo.expression(name, type, true)).reAliased("", alias, name));
        return cols.size() - 1;
    }

    /** JSON_TABLE whose document reads nothing from its FROM clause: a computed table. */
    static Relation standalone(Compiled c, Expr document, EvalContext ctx) {
        Supplier<List<Object[]>> rows = () -> c.rows().rows(ctx, document.eval(ctx, null), document.type());
        return new Relations.Virtual(rows, c.columns(), ctx);
    }

    /** JSON_TABLE after the tables to its left: rows per left row, the document bound over the left columns. */
    static Operator lateral(Operator left, Compiled c, Expr document, EvalContext ctx) {
        return new LateralOperator(left, row -> c.rows().rows(ctx, document.eval(ctx, row), document.type()), c.columns().size());
    }

    /** LEFT JOIN JSON_TABLE(...) ON cond: left rows without matching rows are kept with NULLs. */
    static Operator leftLateral(Operator left, Compiled c, Expr document, Expr on, EvalContext ctx) {
        return new LateralOperator(left, row -> c.rows().rows(ctx, document.eval(ctx, row), document.type()), c.columns().size(),
                true, row -> on == null || on.test(ctx, row));
    }
}
