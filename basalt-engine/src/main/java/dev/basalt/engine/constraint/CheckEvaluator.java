package dev.basalt.engine.constraint;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CheckDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.Scope;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SelectExpr;
import dev.basalt.sql.parser.MySqlParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The enforced CHECK constraints of a table, bound against its columns. A row violates a check
 * when the condition is FALSE (NULL passes, as in MySQL): 3819.
 */
public final class CheckEvaluator {
    private record Bound(String name, Expr condition) {}

    private final List<Bound> checks = new ArrayList<>();

    CheckEvaluator(TableDef def) {
        for (CheckDef c : def.checks()) {
            if (c.enforced()) checks.add(new Bound(c.name(), bind(def, c.sql())));
        }
    }

    boolean isEmpty() { return checks.isEmpty(); }

    void check(EvalContext ctx, Object[] row) {
        for (Bound b : checks) {
            Object v = b.condition().eval(ctx, row);
            if (v != null && !Coercion.isTrue(v)) throw ErrorCode.ER_CHECK_CONSTRAINT_VIOLATED.error(b.name());
        }
    }

    /** Binds a condition's text to the table's columns; also used by DDL to validate a new CHECK. */
    public static Expr bind(TableDef def, String sql) {
        Scope scope = new Scope(FromColumns.of(def, def.name()), null);
        ExprBinder binder = new ExprBinder(scope, (query, outer) -> {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "subqueries in CHECK constraints");
        }, def.database(), "check constraint");
        return binder.bind(parse(sql));
    }

    /** The stored text is an expression; the parser reads it as the item of a SELECT. */
    static Expression parse(String sql) {
        if (MySqlParser.parseOne("SELECT (" + sql + ")") instanceof Select s && s.items().size() == 1
                && s.items().getFirst() instanceof SelectExpr e) {
            return e.expression();
        }
        throw new SqlException(ErrorCode.ER_INTERNAL_ERROR, "unreadable CHECK condition: " + sql);
    }
}
