package dev.basalt.engine.plan;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.function.FunctionCall;
import dev.basalt.engine.function.Functions;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.expr.IntervalUnit;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.BinaryOperator;

import java.util.List;

/**
 * PostgreSQL's date arithmetic, for sessions with {@code postgresOperators} (the PostgreSQL port):
 * {@code date + integer}, {@code integer + date} and {@code date - integer} are dates (the integer
 * counts days), {@code date - date} is the integer number of days between them, {@code timestamp -
 * timestamp} an interval. MySQL reads a date there as the number yyyymmdd (a timestamp as
 * yyyymmddhhmmss), so its sessions keep the plain arithmetic.
 */
final class PostgresDateArithmetic {
    private PostgresDateArithmetic() {}

    /** The PostgreSQL form of {@code left op right}, or null when the operands are not one of these pairs. */
    static Expr bind(BinaryOperator op, Expr left, Expr right) {
        if (op != BinaryOperator.ADD && op != BinaryOperator.SUBTRACT) return null;
        boolean leftDate = date(left), rightDate = date(right);
        if (leftDate && integer(right)) return Exprs.dateAdd(left, right, IntervalUnit.DAY, op == BinaryOperator.SUBTRACT);
        if (op == BinaryOperator.ADD && integer(left) && rightDate) return Exprs.dateAdd(right, left, IntervalUnit.DAY, false);
        if (op == BinaryOperator.SUBTRACT && leftDate && rightDate) {
            // DATEDIFF's days, typed integer as PostgreSQL types date - date (DATEDIFF's own type is BIGINT)
            Expr days = Functions.create("DATEDIFF", List.of(left, right), null);
            return new FunctionCall("DATEDIFF", List.of(left, right), SqlType.INT, true, true, (ctx, row, args) -> days.eval(ctx, row));
        }
        // timestamp - timestamp (a date beside a timestamp reads as its midnight) is an interval of days and time
        if (op == BinaryOperator.SUBTRACT && (timestamp(left) && (timestamp(right) || rightDate) || leftDate && timestamp(right))) {
            return Functions.create("PG_TIMESTAMP_DIFF", List.of(left, right), null);
        }
        return null;
    }

    private static boolean date(Expr e) {
        return e.type().kind() == TypeKind.DATE;
    }

    private static boolean timestamp(Expr e) {
        return e.type().kind() == TypeKind.DATETIME || e.type().kind() == TypeKind.TIMESTAMP;
    }

    private static boolean integer(Expr e) {
        return switch (e.type().kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> true;
            default -> false;
        };
    }
}
