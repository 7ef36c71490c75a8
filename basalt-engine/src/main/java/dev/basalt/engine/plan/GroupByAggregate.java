package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.sql.ast.Expression;

import java.util.List;

/**
 * A GROUP BY key holding an aggregate, as MySQL 8 refuses it: a key that names a select item
 * (alias, position, or the same expression) holding an aggregate is 1056 "Can't group on" that
 * item; an aggregate written in GROUP BY itself is 1111, the aggregate being used outside the
 * clauses that may hold one.
 */
final class GroupByAggregate {
    private GroupByAggregate() {}

    /** g as written, resolved its alias or position resolved to the select item it names (else g). */
    static void check(Expression g, Expression resolved, List<Expression> items, List<String> itemNames) {
        if (!Grouper.containsAggregate(resolved)) return;
        int item = resolved != g ? identity(items, resolved) : items.indexOf(g);
        if (item >= 0) throw ErrorCode.ER_WRONG_GROUP_FIELD.error(itemNames.get(item));
        throw ErrorCode.ER_INVALID_GROUP_FUNC_USE.error();
    }

    /** The select item that is the very object resolved (an alias or position points at it). */
    private static int identity(List<Expression> items, Expression resolved) {
        for (int i = 0; i < items.size(); i++) if (items.get(i) == resolved) return i;
        return items.indexOf(resolved);
    }
}
