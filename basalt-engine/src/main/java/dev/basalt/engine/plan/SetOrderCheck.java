package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Query;

import java.util.List;

/**
 * The ORDER BY of a UNION / INTERSECT / EXCEPT sorts the combined rows, whose columns belong to no
 * table: a qualified name there ({@code ORDER BY t1.a}) is 1250, as MySQL, whether or not a branch
 * reads that table. Subqueries inside a key have their own tables and are not looked into.
 */
final class SetOrderCheck {
    private SetOrderCheck() {}

    static void check(List<OrderItem> orderBy) {
        if (orderBy == null) return;
        for (OrderItem o : orderBy) {
            AstWalker.any(o.expression(), n -> {
                if (n instanceof ColumnRef c && c.table() != null) {
                    throw ErrorCode.ER_TABLENAME_NOT_ALLOWED_HERE.error(c.table(), "global ORDER clause");
                }
                return false;
            }, n -> n instanceof Query);
        }
    }
}
