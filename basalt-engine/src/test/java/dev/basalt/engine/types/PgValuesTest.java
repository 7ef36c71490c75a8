package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.storage.codec.RowCodec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** PostgreSQL's arrays and intervals as engine values (issue 10): text forms, order, storage. */
class PgValuesTest {

    @Test
    void arrayTextBothWays() {
        ArrayValue a = ArrayText.parse("{1, 2 ,NULL}", ArrayElement.INT4);
        assertEquals(Arrays.asList(1L, 2L, null), a.items());
        assertEquals("{1,2,NULL}", a.toString());
        ArrayValue t = ArrayText.parse("{\"a b\",\"\",\"NULL\",\"q\\\"x\",back\\\\s,plain}", ArrayElement.TEXT);
        assertEquals(Arrays.asList("a b", "", "NULL", "q\"x", "back\\s", "plain"), t.items());
        assertEquals("{\"a b\",\"\",\"NULL\",\"q\\\"x\",\"back\\\\s\",plain}", t.toString());
        assertEquals("{}", ArrayText.parse(" { } ", ArrayElement.INT8).toString());
        assertEquals("{t,f}", ArrayText.parse("{true,0}", ArrayElement.BOOL).toString());
        assertEquals("{1.50,2}", ArrayText.parse("{1.50,2}", ArrayElement.NUMERIC).toString());
        assertEquals("{\"2024-01-02 10:00:00\",\"2024-01-02 10:00:00.5\"}",
                ArrayText.parse("{2024-01-02 10:00:00,\"2024-01-02 10:00:00.500\"}", ArrayElement.TIMESTAMP).toString());
        assertEquals("{1.5,1e+20,NaN}", new ArrayValue(ArrayElement.FLOAT8, List.of(1.5, 1e20, Double.NaN)).toString());
    }

    @Test
    void multiDimensionalArraysKeepTheirShape() {
        ArrayValue m = ArrayText.parse("{{1,2},{3,NULL}}", ArrayElement.INT4);
        assertEquals("{{1,2},{3,NULL}}", m.toString());
        assertEquals(2, m.ndims());
        assertEquals("2", String.valueOf(m.get(new long[] {1, 2})));
        assertEquals(null, m.get(1));
        assertEquals("{{{a}},{{\"b c\"}}}", ArrayText.parse("{{{a}},{{\"b c\"}}}", ArrayElement.TEXT).toString());
        assertEquals("{}", ArrayText.parse("{{},{}}", ArrayElement.INT4).toString());
        // the same elements in another shape differ
        assertTrue(ArrayText.parse("{1,2,3,4}", ArrayElement.INT4).compareTo(ArrayText.parse("{{1,2},{3,4}}", ArrayElement.INT4)) < 0);
    }

    @Test
    void badArrayLiteralsAreUserErrors() {
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("{1,2", ArrayElement.INT4)).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("1,2", ArrayElement.INT4)).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("{1,x}", ArrayElement.INT4)).errorCode());
        assertEquals(1264, assertThrows(SqlException.class, () -> ArrayText.parse("{70000}", ArrayElement.INT2)).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("{{1},{2,3}}", ArrayElement.INT4)).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("{{1},2}", ArrayElement.INT4)).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse("{1,{2}}", ArrayElement.INT4)).errorCode());
        // explicit bounds that do not match the elements, or are not bounds (PostgreSQL's 22P02 / 2202E)
        for (String bad : new String[] {"[0:1]={1,2,3}", "[0:2={1,2,3}", "[2:1]={}", "[0:1][0:1]={1,2}", "[0:1]{1,2}", "[a:b]={1}"}) {
            assertEquals(1366, assertThrows(SqlException.class, () -> ArrayText.parse(bad, ArrayElement.INT4)).errorCode(), bad);
        }
    }

    @Test
    void explicitBoundsAsPostgresqlWritesAndReadsThem() {
        ArrayValue a = ArrayText.parse(" [0:2] = {1,2,3}", ArrayElement.INT4);
        assertEquals("[0:2]={1,2,3}", a.toString());
        assertEquals(1L, a.get(0));
        assertEquals(3L, a.get(2));
        assertNull(a.get(3));
        ArrayValue m = ArrayText.parse("[-1:0][2:4]={{1,2,3},{4,5,6}}", ArrayElement.INT4);
        assertEquals("[-1:0][2:4]={{1,2,3},{4,5,6}}", m.toString());
        assertEquals(6L, m.get(new long[] {0, 4}));
        // bounds of 1 are not written; [3] is [1:3]
        assertEquals("{1,2,3}", ArrayText.parse("[1:3]={1,2,3}", ArrayElement.INT4).toString());
        assertEquals("{1,2,3}", ArrayText.parse("[3]={1,2,3}", ArrayElement.INT4).toString());
        // equal elements under other bounds are another array, and sort after (PostgreSQL's array_cmp)
        ArrayValue plain = ArrayText.parse("{1,2,3}", ArrayElement.INT4);
        assertNotEquals(plain, a);
        assertTrue(a.compareTo(plain) < 0);
        assertEquals("[5:5]={x}", ArrayText.parse("[5:5]={x}", ArrayElement.TEXT).as(ArrayElement.TEXT).toString());
    }

    @Test
    void arraysCompareAsPostgresqlDoes() {
        ArrayValue a = ArrayText.parse("{1,2}", ArrayElement.INT4);
        assertTrue(a.compareTo(ArrayText.parse("{1,3}", ArrayElement.INT4)) < 0);
        assertTrue(a.compareTo(ArrayText.parse("{1,2,0}", ArrayElement.INT4)) < 0); // shorter first
        assertTrue(ArrayText.parse("{1,NULL}", ArrayElement.INT4).compareTo(ArrayText.parse("{1,5}", ArrayElement.INT4)) > 0);
        assertEquals(a, ArrayText.parse("{1,2}", ArrayElement.INT8).as(ArrayElement.INT4));
        assertEquals(ArrayText.parse("{1.0}", ArrayElement.NUMERIC), ArrayText.parse("{1.00}", ArrayElement.NUMERIC));
        assertEquals(ArrayText.parse("{1.0}", ArrayElement.NUMERIC).hashCode(), ArrayText.parse("{1.00}", ArrayElement.NUMERIC).hashCode());
    }

    @Test
    void arrayAndIntervalColumnsRoundTripThroughTheRowFormat() {
        RowCodec codec = new RowCodec(List.of(SqlType.INT, SqlType.array(ArrayElement.TEXT), SqlType.array(ArrayElement.NUMERIC)));
        Object[] row = {1L, ArrayText.parse("{a,\"b c\",NULL}", ArrayElement.TEXT), new ArrayValue(ArrayElement.NUMERIC, List.of(new BigDecimal("1.50")))};
        Object[] back = codec.decode(codec.encode(row), null);
        assertEquals(Arrays.asList(row), Arrays.asList(back));
        assertEquals("{1.50}", back[2].toString());
    }

    @Test
    void intervalText() {
        assertEquals("1 day 02:00:00", IntervalText.parse("1 day 2 hours").toString());
        assertEquals("01:30:00", IntervalText.parse("90 minutes").toString());
        assertEquals("1 year 2 mons 3 days 04:05:06.5", IntervalText.parse("1 year 2 months 3 days 04:05:06.5").toString());
        assertEquals("00:00:00", IntervalText.parse("0 seconds").toString());
        assertEquals("-1 days", IntervalText.parse("-1 day").toString());
        assertEquals("-3 days", IntervalText.parse("3 days ago").toString());
        assertEquals("14 days", IntervalText.parse("2 weeks").toString());
        assertEquals("-1 days +01:00:00", IntervalText.parse("-1 day 01:00:00").toString());
        assertEquals(IntervalText.parse("1 day"), IntervalText.parse("24 hours"));
        assertTrue(IntervalText.parse("1 month").compareTo(IntervalText.parse("29 days")) > 0);
        assertEquals("60 days 02:30:00", IntervalValue.between(LocalDateTime.of(2024, 3, 1, 12, 0), LocalDateTime.of(2024, 1, 1, 9, 30)).toString());
        assertEquals(1366, assertThrows(SqlException.class, () -> IntervalText.parse("nonsense")).errorCode());
        assertEquals(1366, assertThrows(SqlException.class, () -> IntervalText.parse("P1D")).errorCode());
    }
}
