package dev.basalt.engine.types;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ValuesAndTypesTest {

    private static final SqlType VC = SqlType.varchar(10);

    @Test
    void comparisonRules() {
        assertEquals(0, Values.compare("abc", VC, "ABC", VC));
        assertTrue(Values.compare("abc", VC.withCollation(Collation.BINARY), "ABC", VC) > 0);
        assertEquals(0, Values.compare(1L, SqlType.INT, "1.0", VC), "number vs string compares as double");
        assertTrue(Values.compare(10L, SqlType.INT, "9", VC) > 0);
        assertTrue(Values.compare("10", VC, "9", VC) < 0, "two strings compare as strings");
        assertEquals(0, Values.compare(new BigDecimal("1.0"), SqlType.decimal(2, 1), 1L, SqlType.INT));
        assertTrue(Values.compare(new BigInteger("18446744073709551615"), SqlType.BIGINT_UNSIGNED, -1L, SqlType.BIGINT) > 0);
        assertEquals(0, Values.compare(LocalDate.of(2020, 1, 2), SqlType.DATE, "2020-01-02", VC));
        assertEquals(Values.CompareAs.TEMPORAL, Values.compareAs(SqlType.DATE, VC));
        assertEquals(Values.CompareAs.DECIMAL, Values.compareAs(SqlType.INT, SqlType.decimal(5, 2)));
        assertEquals(Values.CompareAs.DOUBLE, Values.compareAs(SqlType.INT, VC));
    }

    @Test
    void orderByPutsNullsFirst() {
        List<Object> v = new ArrayList<>(Arrays.asList("b", null, "A", "c"));
        v.sort(Values.orderComparator(VC));
        assertEquals(Arrays.asList(null, "A", "b", "c"), v);
    }

    @Test
    void groupKeysFollowSqlEquality() {
        assertEquals(Values.groupKey("a", VC), Values.groupKey("A", VC));
        assertEquals(Values.groupKey("a", VC).hashCode(), Values.groupKey("A", VC).hashCode());
        assertNotEquals(Values.groupKey("a", VC.withCollation(Collation.BINARY)), Values.groupKey("A", VC.withCollation(Collation.BINARY)));
        SqlType dec = SqlType.decimal(5, 2);
        assertEquals(Values.groupKey(new BigDecimal("1.0"), dec), Values.groupKey(new BigDecimal("1.00"), dec));
        assertEquals(Values.groupKey(-0.0, SqlType.DOUBLE), Values.groupKey(0.0, SqlType.DOUBLE));
        assertEquals(Values.groupKey(new byte[] {1, 2}, SqlType.of(TypeKind.VARBINARY)), Values.groupKey(new byte[] {1, 2}, SqlType.of(TypeKind.VARBINARY)));
        assertSame(GroupKeys.NULL_KEY, Values.groupKey(null, VC));
    }

    @Test
    void unification() {
        assertEquals(TypeKind.DECIMAL, Types.unify(List.of(SqlType.INT, SqlType.decimal(5, 2))).kind());
        SqlType d = Types.unify(List.of(SqlType.decimal(10, 1), SqlType.decimal(4, 3)));
        assertEquals(3, d.scale());
        assertEquals(12, d.precision());
        assertEquals(TypeKind.DOUBLE, Types.unify(List.of(SqlType.INT, SqlType.DOUBLE)).kind());
        assertEquals(TypeKind.VARCHAR, Types.unify(List.of(SqlType.INT, VC)).kind());
        assertEquals(TypeKind.DATETIME, Types.unify(List.of(SqlType.DATE, SqlType.DATETIME)).kind());
        assertEquals(TypeKind.BIGINT, Types.unify(List.of(SqlType.INT, SqlType.INT.withUnsigned(true))).kind());
        assertEquals(TypeKind.DECIMAL, Types.unify(List.of(SqlType.BIGINT, SqlType.BIGINT_UNSIGNED)).kind());
        assertEquals(TypeKind.INT, Types.unify(List.of(SqlType.NULL, SqlType.INT)).kind());
        assertEquals(TypeKind.VARBINARY, Types.unify(List.of(VC, SqlType.of(TypeKind.VARBINARY, 4))).kind());
        assertEquals(20, Types.unify(List.of(SqlType.varchar(20), SqlType.varchar(5))).length());
    }

    @Test
    void temporalParsing() {
        assertEquals(LocalDate.of(2020, 1, 2).atStartOfDay(), Temporals.parseDateTime("2020-1-2"));
        assertEquals(LocalDate.of(2020, 1, 2).atStartOfDay(), Temporals.parseDateTime("20200102"));
        assertEquals(LocalDate.of(2020, 1, 2).atTime(3, 4, 5), Temporals.parseDateTime("2020/01/02T03:04:05"));
        assertNull(Temporals.parseDateTime("2020-02-30"));
        assertNull(Temporals.parseDateTime("hello"));
        assertEquals(java.time.Duration.ofHours(50), Temporals.parseTime("2 02:00:00"));
        assertEquals(java.time.Duration.ofSeconds(-(11 * 3600 + 22 * 60 + 33)), Temporals.parseTime("-112233"));
    }
}
