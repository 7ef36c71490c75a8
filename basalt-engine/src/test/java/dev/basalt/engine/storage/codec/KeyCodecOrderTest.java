package dev.basalt.engine.storage.codec;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** Property: for random values, unsigned byte order of encodings == SQL order (NULL first). */
class KeyCodecOrderTest {
    private final Random rnd = new Random(42);

    private static byte[] enc(SqlType t, Object v) { return new KeyBuilder().append(t, v).toBytes(); }

    private <T> void checkOrder(SqlType type, Supplier<T> gen, Comparator<T> sqlOrder) {
        List<T> values = new ArrayList<>();
        values.add(null);
        for (int i = 0; i < 2000; i++) values.add(gen.get());
        Comparator<T> withNulls = Comparator.nullsFirst(sqlOrder);
        for (int i = 0; i < 5000; i++) {
            T a = values.get(rnd.nextInt(values.size()));
            T b = values.get(rnd.nextInt(values.size()));
            int expected = Integer.signum(withNulls.compare(a, b));
            int actual = Integer.signum(Arrays.compareUnsigned(enc(type, a), enc(type, b)));
            assertEquals(expected, actual, () -> type.kind() + ": " + a + " vs " + b);
        }
    }

    @Test
    void signedIntegers() {
        checkOrder(SqlType.BIGINT, () -> switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextLong();
            case 1 -> (long) rnd.nextInt(200) - 100;
            case 2 -> rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> (long) rnd.nextInt();
        }, Long::compare);
    }

    @Test
    void unsignedBigintWithBigIntegers() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        checkOrder(SqlType.BIGINT_UNSIGNED, () -> {
            BigInteger b = new BigInteger(64, rnd);
            if (rnd.nextInt(10) == 0) b = max;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }, Comparator.comparing(o -> o instanceof BigInteger b ? b : BigInteger.valueOf((Long) o)));
    }

    @Test
    void decimals() {
        checkOrder(SqlType.decimal(30, 10), () -> {
            BigDecimal d = new BigDecimal(new BigInteger(rnd.nextInt(90) + 1, rnd), rnd.nextInt(20) - 5);
            return rnd.nextBoolean() ? d.negate() : rnd.nextInt(20) == 0 ? BigDecimal.ZERO.setScale(rnd.nextInt(4)) : d;
        }, BigDecimal::compareTo);
    }

    @Test
    void decimalEqualValuesEncodeEqual() {
        SqlType t = SqlType.decimal(10, 2);
        assertArrayEquals(enc(t, new BigDecimal("1.0")), enc(t, new BigDecimal("1.00")));
        assertArrayEquals(enc(t, new BigDecimal("-12.500")), enc(t, new BigDecimal("-12.5")));
        assertArrayEquals(enc(t, new BigDecimal("0.000")), enc(t, BigDecimal.ZERO));
        assertArrayEquals(enc(t, new BigDecimal("100")), enc(t, 100L));
    }

    @Test
    void doubles() {
        checkOrder(SqlType.DOUBLE, () -> switch (rnd.nextInt(5)) {
            case 0 -> rnd.nextGaussian() * 1e6;
            case 1 -> -0.0;
            case 2 -> 0.0;
            case 3 -> rnd.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE;
            default -> (double) rnd.nextInt(10) - 5;
        }, (a, b) -> a.doubleValue() == b.doubleValue() ? 0 : Double.compare(a, b));
    }

    @Test
    void binaryStringsIncludingZeroBytes() {
        checkOrder(SqlType.of(TypeKind.VARBINARY, 10), () -> {
            byte[] b = new byte[rnd.nextInt(5)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3) == 0 ? 0xFF : rnd.nextInt(256));
            return b;
        }, Arrays::compareUnsigned);
    }

    @Test
    void stringsUnderBinaryCollationPrefixOrder() {
        SqlType t = SqlType.varchar(20).withCollation(Collation.BINARY);
        checkOrder(t, () -> {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) sb.append("a\0b".charAt(rnd.nextInt(3)));
            return sb.toString();
        }, String::compareTo);
        assertTrue(Arrays.compareUnsigned(enc(t, "a"), enc(t, "a\0")) < 0);
        assertTrue(Arrays.compareUnsigned(enc(t, "a\0"), enc(t, "ab")) < 0);
    }

    @Test
    void stringsUnderDefaultCollationAreCaseInsensitive() {
        SqlType t = SqlType.varchar(20);
        assertArrayEquals(enc(t, "Hello"), enc(t, "hELLO"));
        checkOrder(t, () -> {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) sb.append("aAbBzZ".charAt(rnd.nextInt(6)));
            return sb.toString();
        }, Collation.AI_CI::compare);
    }

    @Test
    void temporalTypes() {
        checkOrder(SqlType.DATE, () -> LocalDate.ofEpochDay(rnd.nextInt(800_000) - 400_000), LocalDate::compareTo);
        checkOrder(SqlType.DATETIME, () -> LocalDateTime.of(1000 + rnd.nextInt(8000), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000) * 1000), LocalDateTime::compareTo);
        checkOrder(SqlType.TIME, () -> Duration.ofNanos((rnd.nextLong() % 3_000_000_000_000L) * 1000), Duration::compareTo);
    }

    @Test
    void bit64OrdersUnsigned() {
        SqlType t = SqlType.of(TypeKind.BIT, 64);
        checkOrder(t, rnd::nextLong, Long::compareUnsigned);
    }

    @Test
    void enumSortsByMemberIndexNotText() {
        SqlType t = new SqlType(TypeKind.ENUM, 0, 0, 0, false, false, List.of("small", "medium", "large"), null);
        assertTrue(Arrays.compareUnsigned(enc(t, "small"), enc(t, "medium")) < 0);
        assertTrue(Arrays.compareUnsigned(enc(t, "medium"), enc(t, "large")) < 0);
        assertTrue(Arrays.compareUnsigned(enc(t, null), enc(t, "small")) < 0);
    }

    @Test
    void tuplesOrderLexicographicallyAndPrefixesBoundRanges() {
        List<SqlType> types = List.of(SqlType.INT, SqlType.varchar(10));
        byte[] p = KeyCodec.encodePrefix(new byte[] {1}, types, List.of(5L));
        byte[] end = KeyCodec.prefixSuccessor(p);
        byte[] in1 = KeyCodec.encodeKey(new byte[] {1}, types, new Object[] {5L, ""});
        byte[] in2 = KeyCodec.encodeKey(new byte[] {1}, types, new Object[] {5L, "zzzz"});
        byte[] inNull = KeyCodec.encodeKey(new byte[] {1}, types, new Object[] {5L, null});
        byte[] out = KeyCodec.encodeKey(new byte[] {1}, types, new Object[] {6L, null});
        byte[] below = KeyCodec.encodeKey(new byte[] {1}, types, new Object[] {4L, "zzzz"});
        for (byte[] k : List.of(in1, in2, inNull)) {
            assertTrue(Arrays.compareUnsigned(k, p) >= 0 && Arrays.compareUnsigned(k, end) < 0);
        }
        assertTrue(Arrays.compareUnsigned(out, end) >= 0);
        assertTrue(Arrays.compareUnsigned(below, p) < 0);
    }

    @Test
    void descendingPartsReverseOrderAndPutNullsLast() {
        SqlType t = SqlType.BIGINT;
        byte[] one = new KeyBuilder().append(t, 1L, true, 0).toBytes();
        byte[] two = new KeyBuilder().append(t, 2L, true, 0).toBytes();
        byte[] nul = new KeyBuilder().append(t, null, true, 0).toBytes();
        assertTrue(Arrays.compareUnsigned(two, one) < 0);
        assertTrue(Arrays.compareUnsigned(one, nul) < 0);
        SqlType s = SqlType.varchar(5).withCollation(Collation.BINARY);
        byte[] a = new KeyBuilder().append(s, "a", true, 0).toBytes();
        byte[] ab = new KeyBuilder().append(s, "ab", true, 0).toBytes();
        assertTrue(Arrays.compareUnsigned(ab, a) < 0);
    }

    @Test
    void skipFindsTheEndOfEveryPart() {
        List<SqlType> types = List.of(SqlType.varchar(10).withCollation(Collation.BINARY), SqlType.decimal(10, 2),
                SqlType.decimal(10, 2), SqlType.BIGINT, SqlType.DOUBLE, SqlType.of(TypeKind.VARBINARY, 4));
        Object[] values = {"x\0y", new BigDecimal("-3.25"), BigDecimal.ZERO, null, 2.5, new byte[] {0, 0, 1}};
        for (boolean desc : new boolean[] {false, true}) {
            KeyBuilder b = new KeyBuilder();
            int[] ends = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                b.append(types.get(i), values[i], desc, 0);
                ends[i] = b.length();
            }
            byte[] key = b.toBytes();
            int off = 0;
            for (int i = 0; i < values.length; i++) {
                off = KeyCodec.skip(key, off, types.get(i), desc);
                assertEquals(ends[i], off, "part " + i + " desc=" + desc);
            }
        }
    }
}
