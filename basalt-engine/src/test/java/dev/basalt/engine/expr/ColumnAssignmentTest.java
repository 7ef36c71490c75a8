package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Coercion.toColumn: strict mode errors and non-strict clipping with the same codes as warnings. */
class ColumnAssignmentTest {

    private static final SqlType TINYINT = SqlType.of(TypeKind.TINYINT, 4);
    private static final SqlType UTINYINT = TINYINT.withUnsigned(true);
    private static final SqlType INT = SqlType.INT;
    private static final SqlType DEC52 = SqlType.decimal(5, 2);
    private static final SqlType VC3 = SqlType.varchar(3);
    private static final SqlType VARCHAR = SqlType.varchar(20);
    private static final SqlType ENUM = new SqlType(TypeKind.ENUM, 0, 0, 0, false, false, List.of("small", "large"), null);
    private static final SqlType SET = new SqlType(TypeKind.SET, 0, 0, 0, false, false, List.of("a", "b", "c"), null);

    private static Object strict(Object v, SqlType vt, SqlType col) {
        return Coercion.toColumn(new TestContext(), v, vt, col, "c", 1);
    }

    private static SqlException strictError(Object v, SqlType vt, SqlType col) {
        return assertThrows(SqlException.class, () -> Coercion.toColumn(new TestContext(), v, vt, col, "c", 3));
    }

    @Test
    void integersRoundAndRangeCheck() {
        assertEquals(2L, strict(new BigDecimal("1.5"), DEC52, INT));
        assertEquals(-2L, strict(new BigDecimal("-1.5"), DEC52, INT));
        assertEquals(127L, strict(127L, SqlType.BIGINT, TINYINT));
        SqlException e = strictError(128L, SqlType.BIGINT, TINYINT);
        assertEquals(1264, e.errorCode());
        assertEquals("Out of range value for column 'c' at row 3", e.getMessage());
        assertEquals("22003", e.sqlState());
        assertEquals(1264, strictError(-1L, SqlType.BIGINT, UTINYINT).errorCode());

        TestContext lax = TestContext.nonStrict();
        assertEquals(127L, Coercion.toColumn(lax, 1000L, SqlType.BIGINT, TINYINT, "c", 1));
        assertEquals(0L, Coercion.toColumn(lax, -5L, SqlType.BIGINT, UTINYINT, "c", 1));
        assertEquals(List.of(1264, 1264), lax.warningCodes());
    }

    @Test
    void stringsIntoNumbers() {
        assertEquals(12L, strict("12", VARCHAR, INT));
        assertEquals(2L, strict("1.5", VARCHAR, INT));
        SqlException bad = strictError("abc", VARCHAR, INT);
        assertEquals(1366, bad.errorCode());
        assertEquals("Incorrect integer value: 'abc' for column 'c' at row 3", bad.getMessage());
        assertEquals(1265, strictError("12abc", VARCHAR, INT).errorCode());
        assertEquals(1366, strictError("x", VARCHAR, DEC52).errorCode());
        assertTrue(strictError("x", VARCHAR, DEC52).getMessage().startsWith("Incorrect decimal value"));
        assertEquals(1366, strictError("x", VARCHAR, SqlType.DOUBLE).errorCode());

        TestContext lax = TestContext.nonStrict();
        assertEquals(12L, Coercion.toColumn(lax, "12abc", VARCHAR, INT, "c", 1));
        assertEquals(0L, Coercion.toColumn(lax, "abc", VARCHAR, INT, "c", 2));
        assertEquals(List.of(1265, 1366), lax.warningCodes());
        assertTrue(lax.warnings.get(1).message().endsWith("at row 2"));
    }

    @Test
    void decimalsRoundHalfUpAndClip() {
        assertEquals(new BigDecimal("1.01"), strict(new BigDecimal("1.005"), SqlType.decimal(4, 3), DEC52));
        assertEquals(new BigDecimal("-1.01"), strict(new BigDecimal("-1.005"), SqlType.decimal(4, 3), DEC52));
        assertEquals(new BigDecimal("3.00"), strict(3L, SqlType.BIGINT, DEC52));
        assertEquals(new BigDecimal("0.10"), strict(0.1, SqlType.DOUBLE, DEC52));
        assertEquals(1264, strictError(new BigDecimal("1000"), SqlType.decimal(4, 0), DEC52).errorCode());
        TestContext lax = TestContext.nonStrict();
        assertEquals(new BigDecimal("999.99"), Coercion.toColumn(lax, 12345L, SqlType.BIGINT, DEC52, "c", 1));
        assertEquals(new BigDecimal("-999.99"), Coercion.toColumn(lax, -12345L, SqlType.BIGINT, DEC52, "c", 1));
    }

    @Test
    void stringsTooLong() {
        assertEquals("abc", strict("abc", VARCHAR, VC3));
        SqlException e = strictError("abcd", VARCHAR, VC3);
        assertEquals(1406, e.errorCode());
        assertEquals("Data too long for column 'c' at row 3", e.getMessage());
        assertEquals("ab€", strict("ab€", VARCHAR, VC3), "length counts characters, not bytes");
        assertEquals("abc", strict("abc   ", VARCHAR, VC3), "trailing spaces are cut silently");
        TestContext lax = TestContext.nonStrict();
        assertEquals("abc", Coercion.toColumn(lax, "abcdef", VARCHAR, VC3, "c", 1));
        assertEquals(List.of(1265), lax.warningCodes());
        assertEquals("12", strict(12L, SqlType.BIGINT, VC3), "numbers are stored as their text");
        assertEquals("2.50", strict(new BigDecimal("2.50"), SqlType.decimal(3, 2), VARCHAR));
    }

    @Test
    void binaryPadsToLength() {
        Object v = strict("ab", VARCHAR, SqlType.of(TypeKind.BINARY, 4));
        assertArrayEquals(new byte[] {'a', 'b', 0, 0}, (byte[]) v);
        assertEquals(1406, strictError("abcde", VARCHAR, SqlType.of(TypeKind.VARBINARY, 4)).errorCode());
    }

    @Test
    void temporals() {
        assertEquals(LocalDate.of(2020, 1, 2), strict("2020-01-02", VARCHAR, SqlType.DATE));
        assertEquals(LocalDate.of(2020, 1, 2), strict("20200102", VARCHAR, SqlType.DATE));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 6), strict("2020-01-02 03:04:05.6", VARCHAR, SqlType.DATETIME));
        assertEquals(LocalDateTime.of(2020, 1, 2, 0, 0), strict(LocalDate.of(2020, 1, 2), SqlType.DATE, SqlType.DATETIME));
        SqlException e = strictError("2020-13-01", VARCHAR, SqlType.DATE);
        assertEquals(1292, e.errorCode());
        assertEquals("Incorrect date value: '2020-13-01' for column 'c' at row 3", e.getMessage());
        assertTrue(strictError("nope", VARCHAR, SqlType.DATETIME).getMessage().startsWith("Incorrect datetime value"));
        assertEquals(java.time.Duration.ofSeconds(3723), strict("01:02:03", VARCHAR, SqlType.TIME));
    }

    @Test
    void enumAndSet() {
        assertEquals("large", strict("LARGE", VARCHAR, ENUM));
        assertEquals("small", strict(1L, SqlType.BIGINT, ENUM));
        SqlException e = strictError("medium", VARCHAR, ENUM);
        assertEquals(1265, e.errorCode());
        assertEquals("Data truncated for column 'c' at row 3", e.getMessage());
        TestContext lax = TestContext.nonStrict();
        assertEquals("", Coercion.toColumn(lax, "medium", VARCHAR, ENUM, "c", 1));
        assertEquals(List.of(1265), lax.warningCodes());
        assertEquals("a,c", strict("c,a", VARCHAR, SET));
        assertEquals("a,b", strict(3L, SqlType.BIGINT, SET));
        assertEquals(1265, strictError("a,z", VARCHAR, SET).errorCode());
    }

    @Test
    void yearAndBit() {
        assertEquals(2069L, strict(69L, SqlType.BIGINT, SqlType.of(TypeKind.YEAR)));
        assertEquals(1999L, strict("99", VARCHAR, SqlType.of(TypeKind.YEAR)));
        assertEquals(1264, strictError(1800L, SqlType.BIGINT, SqlType.of(TypeKind.YEAR)).errorCode());
        assertEquals(5L, strict(5L, SqlType.BIGINT, SqlType.of(TypeKind.BIT, 3)));
        // MySQL's Field_bit stores a number as its bytes: too many bits is 1406 in strict mode
        assertEquals(1406, strictError(8L, SqlType.BIGINT, SqlType.of(TypeKind.BIT, 3)).errorCode());
        // a string gives its bytes, big end first (mariadb-dump writes BIT values so)
        assertEquals(21L, strict("\u0015", VARCHAR, SqlType.of(TypeKind.BIT, 5)));
        assertEquals(0x4142L, strict("AB", VARCHAR, SqlType.of(TypeKind.BIT, 16)));
        assertEquals(0L, strict("", VARCHAR, SqlType.of(TypeKind.BIT, 16)));
        assertEquals(1406, strictError("AB", VARCHAR, SqlType.of(TypeKind.BIT, 8)).errorCode());
        assertEquals(1406, strictError(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, SqlType.BIGINT, SqlType.of(TypeKind.BIT, 64)).errorCode());
    }

    @Test
    void nullPassesThrough() {
        assertNull(strict(null, SqlType.NULL, INT));
    }
}
