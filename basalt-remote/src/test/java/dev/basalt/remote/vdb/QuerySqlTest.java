package dev.basalt.remote.vdb;

import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.BlockQuery.Aggregate;
import dev.basalt.engine.external.BlockQuery.Call;
import dev.basalt.engine.external.BlockQuery.Column;
import dev.basalt.engine.external.BlockQuery.Op;
import dev.basalt.engine.external.BlockQuery.Param;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SQL of pushed-down blocks: qualification, quoting, operator parentheses, parameter order. */
class QuerySqlTest {

    /** Only quotedName() is asked of a source's database while rendering. */
    private static ExternalDatabase db(String quoted) {
        return (ExternalDatabase) Proxy.newProxyInstance(QuerySqlTest.class.getClassLoader(),
                new Class<?>[]{ExternalDatabase.class}, (p, m, a) -> m.getName().equals("quotedName") ? quoted : null);
    }

    @Test
    void joinAggregateHavingOrderLimitWithParametersInTextOrder() {
        List<BlockQuery.Source> from = List.of(new BlockQuery.Source(db("`crm`"), "cu`st", "c"),
                new BlockQuery.Source(db("`sales`"), "orders", "o`x"));
        BlockQuery q = new BlockQuery(from,
                List.of(new Call(Op.EQ, List.of(new Column(0, "id"), new Column(1, "customer_id"))),
                        new Call(Op.BETWEEN, List.of(new Column(1, "amount"), new Param(1), new Param(2)))),
                List.of(new Column(0, "city")), true,
                new Call(Op.GT, List.of(new Aggregate("COUNT", false, null), new Param(3))),
                List.of(new Column(0, "city"), new Aggregate("SUM", true, new Call(Op.MULTIPLY,
                        List.of(new Column(1, "amount"), new Param(0))))),
                false, List.of(new BlockQuery.Order(new Aggregate("COUNT", false, null), true)), 5, 10,
                List.of(SqlType.varchar(10), SqlType.decimal(20, 2)));
        QuerySql sql = QuerySql.of(q);
        assertEquals("SELECT `c`.`city`, SUM(DISTINCT (`o``x`.`amount` * ?))"
                + " FROM `crm`.`cu``st` AS `c`, `sales`.`orders` AS `o``x`"
                + " WHERE (`c`.`id` = `o``x`.`customer_id`) AND (`o``x`.`amount` BETWEEN ? AND ?)"
                + " GROUP BY `c`.`city` HAVING (COUNT(*) > ?) ORDER BY COUNT(*) DESC LIMIT 5, 10", sql.sql);
        // the ? of the select list comes first in the text, though it is parameter 0 of the block
        assertEquals(List.of(0, 1, 2, 3), sql.parameterOrder);
        assertEquals(List.of("x", "lo", "hi", 9L), sql.bind(List.of("x", "lo", "hi", 9L)));
    }

    @Test
    void inListsNegationsAndNullTests() {
        BlockQuery q = new BlockQuery(List.of(new BlockQuery.Source(db("`d`"), "t", "t")),
                List.of(new Call(Op.OR, List.of(
                        new Call(Op.NOT_IN, List.of(new Column(0, "a"), new Param(1), new Param(0))),
                        new Call(Op.NOT, List.of(new Call(Op.IS_NOT_NULL, List.of(new Column(0, "b")))))))),
                List.of(), false, null, List.of(new Column(0, "a")), true, List.of(), 0, -1, List.of(SqlType.INT));
        QuerySql sql = QuerySql.of(q);
        assertEquals("SELECT DISTINCT `t`.`a` FROM `d`.`t` AS `t`"
                + " WHERE ((`t`.`a` NOT IN (?, ?)) OR (NOT (`t`.`b` IS NOT NULL)))", sql.sql);
        assertEquals(List.of(2L, 1L), sql.bind(List.of(1L, 2L)));
    }
}
