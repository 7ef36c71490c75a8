package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StrictDmlContextTest {

    private static Expr expr(String text) { return LiteralParser.parseExpr(text); }

    @Test
    void strictDmlEscalatesDivisionByZeroAndTruncation() {
        TestContext session = new TestContext();
        EvalContext dml = StrictDmlContext.of(session);
        assertEquals(1365, assertThrows(SqlException.class, () -> expr("1 / 0").eval(dml, null)).errorCode());
        SqlException t = assertThrows(SqlException.class, () -> expr("'12abc' + 1").eval(dml, null));
        assertEquals(1292, t.errorCode());
        assertEquals("Truncated incorrect DOUBLE value: '12abc'", t.getMessage());
    }

    @Test
    void withoutErrorForDivisionByZeroItStaysAWarning() {
        TestContext session = new TestContext();
        session.modes.remove(SqlMode.ERROR_FOR_DIVISION_BY_ZERO);
        assertNull(expr("1 / 0").eval(StrictDmlContext.of(session), null));
        assertEquals(List.of(1365), session.warningCodes());
    }

    @Test
    void nonStrictSessionIsUsedAsIs() {
        TestContext session = TestContext.nonStrict();
        assertSame(session, StrictDmlContext.of(session));
        assertEquals(13.0, expr("'12abc' + 1").eval(session, null));
        assertEquals(List.of(1292), session.warningCodes());
    }
}
