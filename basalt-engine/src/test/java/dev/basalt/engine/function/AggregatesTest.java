package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.OrderKey;
import dev.basalt.engine.expr.TestContext;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AggregatesTest {

    private final TestContext ctx = new TestContext();
    private final Expr i = Exprs.column(0, SqlType.INT, true, "i");
    private final Expr s = Exprs.column(1, SqlType.varchar(10), true, "s");
    private final Expr d = Exprs.column(2, SqlType.decimal(5, 2), true, "d");
    private final Expr f = Exprs.column(3, SqlType.DOUBLE, true, "f");

    private final Object[][] rows = {
            {1L, "a", new BigDecimal("1.50"), 1.0},
            {2L, "A", new BigDecimal("2.25"), 2.0},
            {2L, "b", null, 4.0},
            {null, null, new BigDecimal("0.25"), null},
    };

    private Object run(AggregateFunction fn) {
        var acc = fn.newAccumulator();
        for (Object[] r : rows) acc.add(ctx, r);
        return acc.result();
    }

    private String text(AggregateFunction fn) {
        Object v = run(fn);
        return v == null ? "NULL" : ValueText.toText(v, fn.resultType());
    }

    @Test
    void counts() {
        assertEquals(4L, run(Aggregates.create("count", false, List.of())));
        assertEquals(3L, run(Aggregates.create("COUNT", false, List.of(i))));
        assertEquals(2L, run(Aggregates.create("COUNT", true, List.of(i))));
        assertEquals(2L, run(Aggregates.create("COUNT", true, List.of(s))), "'a' and 'A' are one value under the ci collation");
        assertEquals(3L, run(Aggregates.create("COUNT", true, List.of(i, s))));
        assertFalse(Aggregates.create("COUNT", false, List.of()).nullable());
        assertEquals(0L, Aggregates.create("COUNT", false, List.of(i)).newAccumulator().result());
    }

    @Test
    void sumAndAvgTypes() {
        AggregateFunction sumInt = Aggregates.create("SUM", false, List.of(i));
        assertEquals(SqlType.decimal(32, 0), sumInt.resultType());
        assertEquals("5", text(sumInt));
        assertEquals("3", text(Aggregates.create("SUM", true, List.of(i))));
        AggregateFunction avgInt = Aggregates.create("AVG", false, List.of(i));
        assertEquals(4, avgInt.resultType().scale());
        assertEquals("1.6667", text(avgInt));
        AggregateFunction sumDec = Aggregates.create("SUM", false, List.of(d));
        assertEquals(2, sumDec.resultType().scale());
        assertEquals("4.00", text(sumDec));
        assertEquals("1.333333", text(Aggregates.create("AVG", false, List.of(d))));
        AggregateFunction sumDbl = Aggregates.create("SUM", false, List.of(f));
        assertEquals(TypeKind.DOUBLE, sumDbl.resultType().kind());
        assertEquals("7", text(sumDbl));
        assertNull(Aggregates.create("SUM", false, List.of(i)).newAccumulator().result());
    }

    @Test
    void sumSurvivesLongOverflow() {
        var acc = Aggregates.create("SUM", false, List.of(Exprs.column(0, SqlType.BIGINT, false, "b"))).newAccumulator();
        acc.add(ctx, new Object[] {Long.MAX_VALUE});
        acc.add(ctx, new Object[] {Long.MAX_VALUE});
        assertEquals(new BigDecimal("18446744073709551614"), acc.result());
    }

    @Test
    void minMaxAreCollationAware() {
        assertEquals("b", run(Aggregates.create("MAX", false, List.of(s))));
        assertEquals("a", run(Aggregates.create("MIN", false, List.of(s))));
        assertEquals(2L, run(Aggregates.create("MAX", false, List.of(i))));
        assertEquals(new BigDecimal("0.25"), run(Aggregates.create("MIN", false, List.of(d))));
    }

    @Test
    void groupConcat() {
        assertEquals("a,A,b", run(Aggregates.create("GROUP_CONCAT", false, List.of(s))));
        assertEquals("a,b", run(Aggregates.create("GROUP_CONCAT", true, List.of(s), List.of(), ",")));
        assertEquals("A;b;a", run(Aggregates.create("GROUP_CONCAT", false, List.of(s),
                List.of(new OrderKey(i, true)), ";")));
        assertEquals("1a,2A,2b", run(Aggregates.create("GROUP_CONCAT", false, List.of(i, s))));
        var acc = Aggregates.create("GROUP_CONCAT", false, List.of(s)).newAccumulator();
        for (int k = 0; k < 600; k++) acc.add(ctx, new Object[] {null, "xy"});
        assertEquals(1024, ((String) acc.result()).length());
        assertTrue(ctx.warningCodes().contains(1260));
    }

    @Test
    void bitsAndStatistics() {
        assertEquals(0L, run(Aggregates.create("BIT_AND", false, List.of(i))));
        assertEquals(3L, run(Aggregates.create("BIT_OR", false, List.of(i))));
        assertEquals(1L, run(Aggregates.create("BIT_XOR", false, List.of(i))));
        assertEquals(new java.math.BigInteger("18446744073709551615"),
                Aggregates.create("BIT_AND", false, List.of(i)).newAccumulator().result());
        double pop = (Double) run(Aggregates.create("VAR_POP", false, List.of(f)));
        assertEquals(14.0 / 9.0, pop, 1e-12);
        double samp = (Double) run(Aggregates.create("STDDEV_SAMP", false, List.of(f)));
        assertEquals(Math.sqrt(7.0 / 3.0), samp, 1e-12);
        assertEquals(1L, run(Aggregates.create("ANY_VALUE", false, List.of(i))));
    }

    @Test
    void arityAndNames() {
        assertTrue(Aggregates.isAggregate("group_concat"));
        assertFalse(Aggregates.isAggregate("concat"));
        assertEquals(1582, assertThrows(SqlException.class, () -> Aggregates.create("SUM", false, List.of(i, i))).errorCode());
    }
}
