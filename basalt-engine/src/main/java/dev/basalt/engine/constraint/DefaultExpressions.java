package dev.basalt.engine.constraint;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.Scope;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Exists;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.InSubquery;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.QuantifiedComparison;
import dev.basalt.sql.ast.ScalarSubquery;
import dev.basalt.sql.ast.Variable;

/**
 * MySQL 8.0.13 expression defaults, {@code DEFAULT (expr)}: checked when a table is defined and
 * evaluated per row, against the row being written (an expression default may read the columns
 * before it), whenever the column takes its default.
 */
public final class DefaultExpressions {
    private DefaultExpressions() {}

    /**
     * MySQL's checks on an expression default, in MySQL's order of interest: subqueries and
     * parameters (3769), variables (3772), stored functions (3770), then per referenced column:
     * AUTO_INCREMENT (3768), a later generated or expression-default column (3767), unknown (1054).
     */
    public static void validate(TableDef def) {
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            if (!(c.defaultValue() instanceof DefaultValue.Expression x)) continue;
            Expression e = CheckEvaluator.parse(x.sql());
            int self = i;
            AstWalker.any(e, n -> {
                if (n instanceof ScalarSubquery || n instanceof Exists || n instanceof InSubquery
                        || n instanceof QuantifiedComparison || n instanceof Parameter) {
                    throw ErrorCode.ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED.error(c.name());
                }
                if (n instanceof Variable) throw ErrorCode.ER_DEFAULT_VAL_GENERATED_VARIABLES.error(c.name());
                if (n instanceof FunctionCall f && !f.name().equals(FunctionCall.MATCH_AGAINST)
                        && !dev.basalt.engine.function.Functions.exists(f.name())) {
                    throw ErrorCode.ER_DEFAULT_VAL_GENERATED_NAMED_FUNCTION_IS_NOT_ALLOWED.error(c.name(), f.name());
                }
                if (n instanceof ColumnRef ref) {
                    int at = def.columnIndex(ref.column());
                    if (at < 0) throw ErrorCode.ER_BAD_FIELD.error(ref.column(), "default value expression");
                    ColumnDef target = def.columns().get(at);
                    if (target.autoIncrement()) throw ErrorCode.ER_DEFAULT_VAL_GENERATED_REF_AUTO_INC.error(c.name());
                    boolean computed = target.isGenerated() || target.defaultValue() instanceof DefaultValue.Expression;
                    if (computed && at >= self) throw ErrorCode.ER_DEFAULT_VAL_GENERATED_NON_PRIOR.error(c.name());
                }
                return false;
            }, n -> false);
            bind(def, x.sql());
        }
    }

    /**
     * The default of column {@code col} for {@code row} (whose given values and earlier defaults
     * are already in place), converted to the column's type.
     */
    public static Object evaluate(EvalContext ctx, TableDef def, int col, Object[] row) {
        return new Statement(def).evaluate(ctx, col, row);
    }

    /**
     * One statement's bound expression defaults of a table, bound on first use: a bulk INSERT
     * binds each default once (binding per row made INSERT ... SELECT of 20k rows about 2x slower).
     * Not shared between statements, so nothing evaluated in one statement leaks into the next.
     */
    public static final class Statement {
        private final TableDef def;
        private final Expr[] bound;
        private final boolean[] readsGenerated;

        public Statement(TableDef def) {
            this.def = def;
            this.bound = new Expr[def.columns().size()];
            this.readsGenerated = new boolean[bound.length];
        }

        public Object evaluate(EvalContext ctx, int col, Object[] row) {
            ColumnDef c = def.columns().get(col);
            if (bound[col] == null) {
                Expression parsed = parsed(((DefaultValue.Expression) c.defaultValue()).sql());
                readsGenerated[col] = AstWalker.any(parsed, n -> n instanceof ColumnRef ref && def.columnIndex(ref.column()) >= 0
                        && def.columns().get(def.columnIndex(ref.column())).isGenerated(), n -> false);
                bound[col] = bind(def, parsed);
            }
            if (readsGenerated[col]) new GeneratedColumns(def).computeBefore(ctx, row, col);
            Expr e = bound[col];
            Object v = e.eval(ctx, row);
            return v == null ? null : Coercion.toColumn(ctx, v, e.type(), c.type(), c.name(), 1);
        }
    }

    /** Parsed default texts (immutable trees), so a bulk INSERT parses each default once, not per row. */
    private static final java.util.Map<String, Expression> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Expression parsed(String sql) {
        Expression e = PARSED.get(sql);
        if (e == null) {
            if (PARSED.size() > 1000) PARSED.clear();
            e = CheckEvaluator.parse(sql);
            PARSED.put(sql, e);
        }
        return e;
    }

    private static Expr bind(TableDef def, String sql) {
        return bind(def, CheckEvaluator.parse(sql));
    }

    private static Expr bind(TableDef def, Expression parsed) {
        Scope scope = new Scope(FromColumns.of(def, def.name()), null);
        ExprBinder binder = new ExprBinder(scope, (query, outer) -> {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "subqueries in default value expressions");
        }, def.database(), "default value expression");
        return binder.bind(parsed);
    }
}
