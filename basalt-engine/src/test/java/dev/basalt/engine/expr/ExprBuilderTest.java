package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Typing decisions of the builder and the shapes the planner inspects. */
class ExprBuilderTest {

    private final TestContext ctx = new TestContext();

    @Test
    void numberLiteralTyping() {
        Literal small = Exprs.numberLiteral("12", NumberKind.INTEGER);
        assertEquals(TypeKind.BIGINT, small.type().kind());
        assertEquals(12L, small.value());
        Literal umax = Exprs.numberLiteral("18446744073709551615", NumberKind.INTEGER);
        assertTrue(umax.type().unsigned());
        assertEquals(new BigInteger("18446744073709551615"), umax.value());
        Literal beyond = Exprs.numberLiteral("18446744073709551616", NumberKind.INTEGER);
        assertEquals(TypeKind.DECIMAL, beyond.type().kind());
        Literal dec = Exprs.numberLiteral("1.50", NumberKind.DECIMAL);
        assertEquals(SqlType.decimal(3, 2), dec.type());
        assertEquals(new BigDecimal("1.50"), dec.value());
        Literal dbl = Exprs.numberLiteral("1e3", NumberKind.APPROXIMATE);
        assertEquals(TypeKind.DOUBLE, dbl.type().kind());
        assertEquals(1000.0, dbl.value());
    }

    @Test
    void arithmeticResultTypes() {
        Expr i = Exprs.column(0, SqlType.INT, false, "i");
        Expr d = Exprs.column(1, SqlType.decimal(10, 2), false, "d");
        Expr f = Exprs.column(2, SqlType.DOUBLE, false, "f");
        assertEquals(TypeKind.BIGINT, Exprs.binary(BinaryOp.ADD, i, i).type().kind());
        SqlType sum = Exprs.binary(BinaryOp.ADD, i, d).type();
        assertEquals(TypeKind.DECIMAL, sum.kind());
        assertEquals(2, sum.scale());
        assertEquals(4, Exprs.binary(BinaryOp.MULTIPLY, d, d).type().scale());
        assertEquals(6, Exprs.binary(BinaryOp.DIVIDE, d, i).type().scale());
        assertEquals(4, Exprs.binary(BinaryOp.DIVIDE, i, i).type().scale());
        assertEquals(TypeKind.DOUBLE, Exprs.binary(BinaryOp.ADD, d, f).type().kind());
        Object[] row = {7L, new BigDecimal("2.50"), 0.5};
        assertEquals(new BigDecimal("9.50"), Exprs.binary(BinaryOp.ADD, i, d).eval(ctx, row));
        assertEquals(new BigDecimal("2.8000"), Exprs.binary(BinaryOp.DIVIDE, i, d).eval(ctx, row));
        assertEquals(new BigDecimal("0.357143"), Exprs.binary(BinaryOp.DIVIDE, d, i).eval(ctx, row));
    }

    @Test
    void overflowMessageNamesTheExpression() {
        Expr a = Exprs.column(0, SqlType.BIGINT, false, "a");
        Expr b = Exprs.column(1, SqlType.BIGINT, false, "b");
        SqlException e = assertThrows(SqlException.class,
                () -> Exprs.binary(BinaryOp.ADD, a, b).eval(ctx, new Object[] {Long.MAX_VALUE, 1L}));
        assertEquals(1690, e.errorCode());
        assertEquals("BIGINT value is out of range in '(`a` + `b`)'", e.getMessage());
        SqlException u = assertThrows(SqlException.class, () -> Exprs.binary(BinaryOp.SUBTRACT,
                Exprs.column(0, SqlType.BIGINT_UNSIGNED, false, "u"), Exprs.numberLiteral("1", NumberKind.INTEGER))
                .eval(ctx, new Object[] {0L}));
        assertTrue(u.getMessage().startsWith("BIGINT UNSIGNED value is out of range"));
    }

    @Test
    void divisionByZeroWarns() {
        Expr e = Exprs.binary(BinaryOp.DIVIDE, Exprs.numberLiteral("1", NumberKind.INTEGER), Exprs.numberLiteral("0", NumberKind.INTEGER));
        assertNull(e.eval(ctx, null));
        assertEquals(List.of(1365), ctx.warningCodes());
        assertEquals("Division by 0", ctx.warnings.get(0).message());
    }

    @Test
    void plannerCanReadComparisonsAndRanges() {
        ColumnRef c = Exprs.column(3, SqlType.INT, true, "x");
        Expr eq = Exprs.binary(BinaryOp.EQ, Exprs.numberLiteral("5", NumberKind.INTEGER), c);
        Comparison cmp = assertInstanceOf(Comparison.class, eq);
        assertEquals(CompareOp.EQ, cmp.op());
        assertSame(c, cmp.right());
        assertTrue(cmp.left().isConstant());
        assertFalse(cmp.right().isConstant());
        assertEquals(CompareOp.GT, CompareOp.LT.flip());

        Between bt = assertInstanceOf(Between.class, Exprs.between(c, Exprs.numberLiteral("1", NumberKind.INTEGER),
                Exprs.numberLiteral("9", NumberKind.INTEGER), false));
        assertSame(c, bt.operand());
        InList in = assertInstanceOf(InList.class, Exprs.in(c, List.of(Exprs.numberLiteral("1", NumberKind.INTEGER)), false));
        assertEquals(1, in.list().size());
        Like like = assertInstanceOf(Like.class, Exprs.like(Exprs.column(0, SqlType.varchar(10), true, "s"),
                Exprs.stringLiteral("ab%"), null, false));
        assertEquals("ab", like.constantPrefix());
        And and = assertInstanceOf(And.class, Exprs.binary(BinaryOp.AND, eq, bt));
        assertSame(eq, and.left());
    }

    @Test
    void withChildrenRemapsColumns() {
        ColumnRef c = Exprs.column(3, SqlType.INT, true, "x");
        Expr e = Exprs.binary(BinaryOp.GT, Exprs.binary(BinaryOp.ADD, c, Exprs.numberLiteral("1", NumberKind.INTEGER)),
                Exprs.function("ABS", List.of(Exprs.numberLiteral("4", NumberKind.INTEGER)), "test"));
        Expr moved = remap(e);
        assertEquals(1L, moved.eval(ctx, new Object[] {4L}));
        assertEquals(0L, moved.eval(ctx, new Object[] {3L}));
    }

    private static Expr remap(Expr e) {
        if (e instanceof ColumnRef c) return c.withIndex(0);
        List<Expr> kids = e.children();
        if (kids.isEmpty()) return e;
        return e.withChildren(kids.stream().map(ExprBuilderTest::remap).toList());
    }

    @Test
    void unknownFunctionAndArity() {
        SqlException unknown = assertThrows(SqlException.class, () -> Exprs.function("foo", List.of(), "test"));
        assertEquals(1305, unknown.errorCode());
        assertEquals("FUNCTION test.foo does not exist", unknown.getMessage());
        SqlException arity = assertThrows(SqlException.class, () -> Exprs.function("abs", List.of(), "test"));
        assertEquals(1582, arity.errorCode());
        assertEquals("Incorrect parameter count in the call to native function 'abs'", arity.getMessage());
    }

    @Test
    void nonDeterministicFunctionsAreNotConstant() {
        assertFalse(Exprs.function("RAND", List.of(), "test").isConstant());
        assertTrue(Exprs.function("NOW", List.of(), "test").isConstant());
        assertFalse(Exprs.userVariable("x").isConstant());
    }

    @Test
    void userVariablesAndLastInsertId() {
        Exprs.assignUserVariable("v", Exprs.numberLiteral("5", NumberKind.INTEGER)).eval(ctx, null);
        assertEquals(5L, Exprs.userVariable("v").eval(ctx, null));
        assertEquals(TypeKind.BIGINT, Exprs.userVariable("v", ctx).type().kind());
        Exprs.function("LAST_INSERT_ID", List.of(Exprs.numberLiteral("9", NumberKind.INTEGER)), "test").eval(ctx, null);
        assertEquals(9L, ctx.lastInsertId());
        assertEquals(9L, Exprs.function("LAST_INSERT_ID", List.of(), "test").eval(ctx, null));
        assertEquals(1L, Exprs.systemVariable("autocommit", false, ctx).eval(ctx, null));
        assertThrows(SqlException.class, () -> Exprs.systemVariable("nope", false, ctx));
    }

    @Test
    void constantInListUsesHashLookupWithSameAnswers() {
        Expr col = Exprs.column(0, SqlType.varchar(10), true, "s");
        List<Expr> items = List.of(Exprs.stringLiteral("a"), Exprs.stringLiteral("b"), Exprs.stringLiteral("c"),
                Exprs.stringLiteral("d"), Exprs.nullLiteral());
        Expr in = Exprs.in(col, items, false);
        assertEquals(1L, in.eval(ctx, new Object[] {"B"}));
        assertNull(in.eval(ctx, new Object[] {"z"}));
        assertNull(in.eval(ctx, new Object[] {null}));
        Expr nums = Exprs.in(Exprs.column(0, SqlType.INT, true, "i"), List.of(Exprs.numberLiteral("1", NumberKind.INTEGER),
                Exprs.numberLiteral("2.0", NumberKind.DECIMAL), Exprs.numberLiteral("3", NumberKind.INTEGER),
                Exprs.numberLiteral("4", NumberKind.INTEGER)), true);
        assertEquals(0L, nums.eval(ctx, new Object[] {2L}));
        assertEquals(1L, nums.eval(ctx, new Object[] {5L}));
    }

    @Test
    void sqlModeParsing() {
        assertTrue(SqlMode.parse("traditional").contains(SqlMode.STRICT_ALL_TABLES));
        assertEquals("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
                SqlMode.format(SqlMode.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> SqlMode.parse("NOT_A_MODE"));
    }
}
