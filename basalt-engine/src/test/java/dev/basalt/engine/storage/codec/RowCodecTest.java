package dev.basalt.engine.storage.codec;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RowCodecTest {
    private static final List<SqlType> TYPES = List.of(
            SqlType.INT, SqlType.BIGINT_UNSIGNED, SqlType.decimal(40, 5), SqlType.DOUBLE, SqlType.varchar(50),
            SqlType.of(TypeKind.BLOB), SqlType.DATE, SqlType.DATETIME, SqlType.TIME, SqlType.BIGINT);

    @Test
    void roundTripsEveryKindIncludingNullsAndExtremes() {
        RowCodec codec = new RowCodec(TYPES);
        Object[][] rows = {
                {-5L, new BigInteger("18446744073709551615"), new BigDecimal("-123456789012345678901234567890.12345"),
                        -0.5, "héllo wörld ✓", new byte[] {0, 1, (byte) 0xFF}, LocalDate.of(1, 1, 1),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123456000), Duration.ofHours(-838).minusMinutes(59),
                        Long.MIN_VALUE},
                {null, 7L, new BigDecimal("1.50"), Double.MAX_VALUE, "", new byte[0], LocalDate.of(9999, 12, 31),
                        LocalDateTime.of(1970, 1, 1, 0, 0), Duration.ofSeconds(1, 500_000_000), Long.MAX_VALUE},
                {null, null, null, null, null, null, null, null, null, null},
        };
        for (Object[] row : rows) {
            Object[] back = codec.decode(codec.encode(row), null);
            assertEquals(row.length, back.length);
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) back[i]);
                else assertEquals(row[i], back[i], "column " + i);
            }
        }
    }

    @Test
    void decimalKeepsScale() {
        RowCodec codec = new RowCodec(List.of(SqlType.decimal(10, 2)));
        assertEquals("1.50", ((BigDecimal) codec.decode(codec.encode(new Object[] {new BigDecimal("1.50")}), null)[0]).toPlainString());
    }

    @Test
    void rowWrittenWithFewerColumnsGetsDefaults() {
        RowCodec old = new RowCodec(List.of(SqlType.INT, SqlType.varchar(5)));
        byte[] stored = old.encode(new Object[] {1L, "a"});
        RowCodec current = new RowCodec(List.of(SqlType.INT, SqlType.varchar(5), SqlType.INT, SqlType.varchar(3)));
        Object[] row = current.decode(stored, 5, new Object[] {null, null, 42L, "x"});
        assertArrayEquals(new Object[] {1L, "a", 42L, "x", null}, row);
    }

    @Test
    void encodesAndDecodesAMillionRowsQuickly() {
        RowCodec codec = new RowCodec(List.of(SqlType.INT, SqlType.varchar(20), SqlType.DOUBLE, SqlType.BIGINT));
        Object[] row = {12345L, "some name", 3.25, 99L};
        long sink = 0;
        for (int i = 0; i < 200_000; i++) sink += codec.decode(codec.encode(row), null).length; // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            row[0] = (long) i;
            sink += codec.decode(codec.encode(row), null).length;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(sink > 0);
        assertTrue(ms < 30_000, "1M encode+decode took " + ms + " ms"); // typically ~300 ms; catches only a pathological (quadratic) codec: a loaded box took 5.5 s
    }
}
