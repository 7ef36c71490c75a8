package dev.basalt.engine.constraint;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.FromColumns;
import dev.basalt.engine.plan.Scope;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated columns of a table, bound against its columns and computed in column order (a
 * generated column may read the generated columns defined before it) each time a row is written.
 */
public final class GeneratedColumns {
    private record Bound(int column, Expr expr) {}

    private final TableDef def;
    private final List<Bound> columns = new ArrayList<>();

    GeneratedColumns(TableDef def) {
        this.def = def;
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            if (c.isGenerated()) columns.add(new Bound(i, bind(def, c.generated().sql())));
        }
    }

    boolean isEmpty() { return columns.isEmpty(); }

    /** Computes every generated column of the row in place; 1048 for NULL in a NOT NULL one. */
    void compute(EvalContext ctx, Object[] row) {
        for (Bound b : columns) {
            ColumnDef c = def.columns().get(b.column());
            Object v = b.expr().eval(ctx, row);
            if (v == null && !c.nullable()) throw ErrorCode.ER_BAD_NULL.error(c.name());
            row[b.column()] = v == null ? null : Coercion.toColumn(ctx, v, b.expr().type(), c.type(), c.name(), 1);
        }
    }

    /**
     * Computes the generated columns before position {@code limit} in place: an expression default
     * at {@code limit} may read them before the TableWriter computes the row's generated columns.
     */
    void computeBefore(EvalContext ctx, Object[] row, int limit) {
        for (Bound b : columns) {
            if (b.column() >= limit) break;
            ColumnDef c = def.columns().get(b.column());
            Object v = b.expr().eval(ctx, row);
            row[b.column()] = v == null ? null : Coercion.toColumn(ctx, v, b.expr().type(), c.type(), c.name(), 1);
        }
    }

    /**
     * CREATE / ALTER TABLE: every generated column's expression must bind (1054 "in 'generated
     * column function'"), read only base columns or generated columns defined before it (3107)
     * and no AUTO_INCREMENT column (3109).
     */
    public static void validate(TableDef def) {
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            if (!c.isGenerated()) continue;
            Expression e = CheckEvaluator.parse(c.generated().sql());
            int self = i;
            AstWalker.any(e, n -> {
                if (n instanceof ColumnRef ref) {
                    int at = def.columnIndex(ref.column());
                    if (at < 0) throw ErrorCode.ER_BAD_FIELD.error(ref.column(), "generated column function");
                    ColumnDef target = def.columns().get(at);
                    if (target.autoIncrement()) throw ErrorCode.ER_GENERATED_COLUMN_REF_AUTO_INC.error(c.name());
                    if (target.isGenerated() && at >= self) throw ErrorCode.ER_GENERATED_COLUMN_NON_PRIOR.error();
                }
                return false;
            }, n -> false);
            bind(def, c.generated().sql());
        }
    }

    private static Expr bind(TableDef def, String sql) {
        Scope scope = new Scope(FromColumns.of(def, def.name()), null);
        ExprBinder binder = new ExprBinder(scope, (query, outer) -> {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "subqueries in generated columns");
        }, def.database(), "generated column function");
        return binder.bind(CheckEvaluator.parse(sql));
    }
}
