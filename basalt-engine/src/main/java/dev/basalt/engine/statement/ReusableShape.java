package dev.basalt.engine.statement;

import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.AllColumns;
import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.Between;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BooleanLiteral;
import dev.basalt.sql.ast.Case;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.InList;
import dev.basalt.sql.ast.IsTest;
import dev.basalt.sql.ast.Like;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SelectExpr;
import dev.basalt.sql.ast.SelectItem;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.UnaryOp;
import dev.basalt.sql.ast.WhenClause;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which prepared SELECTs may keep their plan (see {@link PlanReuse}): one table named in FROM, no
 * locking clause, SQL_CALC_FOUND_ROWS, ROLLUP or WINDOW, and expressions built only from columns,
 * literals, operators, aggregates and a few deterministic functions. Subqueries, variables,
 * NOW() and friends, stored functions and everything else are left out, not because they cannot
 * be cached but because their values or definitions may change between executions in ways the
 * kept plan would not notice. Placeholders are allowed in WHERE and HAVING only (in the select
 * list they would type a result column by the first execution's value).
 */
final class ReusableShape {
    private ReusableShape() {}

    /** Deterministic built-in functions that read nothing but their arguments. */
    private static final Set<String> FUNCTIONS = Set.of("ABS", "CONCAT", "CONCAT_WS", "LOWER", "UPPER", "LCASE",
            "UCASE", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "SUBSTRING", "SUBSTR", "LEFT", "RIGHT", "COALESCE",
            "IFNULL", "IF", "NULLIF", "ROUND", "TRUNCATE", "FLOOR", "CEIL", "CEILING", "GREATEST", "LEAST", "MOD",
            "PG_CONCAT"); // the PostgreSQL port's ||: CONCAT on strings, the array operator on arrays (decided by argument types)

    static boolean accepts(Select s) {
        if (!(s.from() instanceof BaseTable t) || t.partitions() != null) return false;
        if (s.locking() != null || s.calcFoundRows() || s.withRollup() || !s.windows().isEmpty()) return false;
        for (SelectItem item : s.items()) {
            if (item instanceof SelectExpr e && !plain(e.expression(), false)) return false;
            if (item instanceof AllColumns a && a.schema() != null) return false;
        }
        if (s.where() != null && !plain(s.where(), true)) return false;
        for (Expression g : s.groupBy()) if (!plain(g, false)) return false;
        if (s.having() != null && !plain(s.having(), true)) return false;
        for (OrderItem o : s.orderBy()) if (!plain(o.expression(), false)) return false;
        // LIMIT n keeps; LIMIT ? is read while planning (so the plan is not kept, see ParameterSlots)
        return s.limit() == null || literalOrParameter(s.limit().count()) && literalOrParameter(s.limit().offset());
    }

    /**
     * Whether a single-table UPDATE / DELETE may keep the plan of its target rows: a base table
     * without PARTITION (), a plain WHERE (placeholders allowed), plain ORDER BY and a literal or
     * placeholder LIMIT, and plain assignments (DEFAULT too): they are bound again at each execution
     * with the kept planner, which must not need anything of the transaction it was made in.
     */
    static boolean acceptsTarget(BaseTable t, Expression where, List<OrderItem> orderBy, Expression limit,
                                 List<Assignment> assignments) {
        if (t.partitions() != null) return false;
        if (where != null && !plain(where, true)) return false;
        if (orderBy != null) for (OrderItem o : orderBy) if (!plain(o.expression(), false)) return false;
        if (!literalOrParameter(limit)) return false;
        if (assignments != null) {
            for (Assignment a : assignments) {
                if (!DefaultExpr.isKeyword(a.value()) && !plain(a.value(), true)) return false;
            }
        }
        return true;
    }

    private static boolean literalOrParameter(Expression e) {
        return e == null || e instanceof NumberLiteral || e instanceof Parameter;
    }

    private static boolean plain(Expression e, boolean parameters) {
        return switch (e) {
            case null -> true;
            case NumberLiteral n -> true;
            case StringLiteral l -> true;
            case BooleanLiteral b -> true;
            case NullLiteral n -> true;
            case ColumnRef c -> c.schema() == null;
            case Parameter p -> parameters;
            case UnaryOp u -> plain(u.operand(), parameters);
            case BinaryOp b -> plain(b.left(), parameters) && plain(b.right(), parameters);
            case IsTest i -> plain(i.operand(), parameters);
            case Like l -> plain(l.operand(), parameters) && plain(l.pattern(), parameters) && plain(l.escape(), parameters);
            case Between b -> plain(b.operand(), parameters) && plain(b.low(), parameters) && plain(b.high(), parameters);
            case InList i -> plain(i.operand(), parameters) && all(i.values(), parameters);
            case Case c -> plain(c.operand(), parameters) && plain(c.elseResult(), parameters) && whens(c.whens(), parameters);
            case FunctionCall f -> FUNCTIONS.contains(f.name().toUpperCase(Locale.ROOT)) && all(f.args(), parameters);
            case AggregateCall a -> !a.distinct() && a.orderBy().isEmpty() && all(a.args(), false);
            default -> false;
        };
    }

    private static boolean all(List<Expression> es, boolean parameters) {
        for (Expression e : es) if (!plain(e, parameters)) return false;
        return true;
    }

    private static boolean whens(List<WhenClause> ws, boolean parameters) {
        for (WhenClause w : ws) if (!plain(w.condition(), parameters) || !plain(w.result(), parameters)) return false;
        return true;
    }
}
