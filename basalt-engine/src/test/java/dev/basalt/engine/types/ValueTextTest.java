package dev.basalt.engine.types;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ValueTextTest {

    private static String dbl(double d) { return ValueText.toText(d, SqlType.DOUBLE); }

    @Test
    void doublesUseMysqlShortestForm() {
        assertEquals("0.30000000000000004", dbl(0.1 + 0.2));
        assertEquals("100000", dbl(100000));
        assertEquals("1e15", dbl(1e15));
        assertEquals("100000000000000", dbl(1e14));
        assertEquals("1e20", dbl(1e20));
        assertEquals("1.2345678901234568e17", dbl(123456789012345678.0));
        assertEquals("-1.5", dbl(-1.5));
        assertEquals("0.0001", dbl(0.0001));
        assertEquals("1e-20", dbl(1e-20));
        assertEquals("0", dbl(0));
        assertEquals("3.141592653589793", dbl(Math.PI));
        assertEquals("1.7976931348623157e308", dbl(Double.MAX_VALUE));
    }

    @Test
    void floatsKeepSixDigits() {
        SqlType f = SqlType.of(TypeKind.FLOAT);
        assertEquals("0.1", ValueText.toText((double) 0.1f, f));
        assertEquals("3.14159", ValueText.toText((double) 3.14159265f, f));
        assertEquals("1e20", ValueText.toText(1e20, f));
        assertEquals("123457", ValueText.toText(123456.7, f));
    }

    @Test
    void fixedDecimalDoubles() {
        assertEquals("3.141593", ValueText.toText(Math.PI, SqlType.DOUBLE.withScale(6)));
        assertEquals("2.50", ValueText.toText(2.5, SqlType.DOUBLE.withScale(2)));
    }

    @Test
    void decimalsKeepTheirScale() {
        assertEquals("2.50", ValueText.toText(new BigDecimal("2.5"), SqlType.decimal(5, 2)));
        assertEquals("1.01", ValueText.toText(new BigDecimal("1.005"), SqlType.decimal(5, 2)));
        assertEquals("100", ValueText.toText(new BigDecimal("1E+2"), null));
    }

    @Test
    void integers() {
        assertEquals("18446744073709551615", ValueText.toText(new BigInteger("18446744073709551615"), SqlType.BIGINT_UNSIGNED));
        SqlType zf = new SqlType(TypeKind.INT, 5, 0, 0, true, true, List.of(), null);
        assertEquals("00042", ValueText.toText(42L, zf));
        assertEquals("2024", ValueText.toText(2024L, SqlType.of(TypeKind.YEAR)));
        assertEquals("0000", ValueText.toText(0L, SqlType.of(TypeKind.YEAR)));
        assertEquals("\u0001\u0002", ValueText.toText(258L, SqlType.of(TypeKind.BIT, 16)));
    }

    @Test
    void temporals() {
        assertEquals("2024-03-05", ValueText.toText(LocalDate.of(2024, 3, 5), SqlType.DATE));
        LocalDateTime t = LocalDateTime.of(2024, 3, 5, 7, 8, 9, 120_000_000);
        assertEquals("2024-03-05 07:08:09", ValueText.toText(t, SqlType.DATETIME));
        assertEquals("2024-03-05 07:08:09.120", ValueText.toText(t, SqlType.DATETIME.withScale(3)));
        assertEquals("-01:02:03", ValueText.toText(Duration.ofSeconds(-3723), SqlType.TIME));
        assertEquals("838:59:59", ValueText.toText(Temporals.TIME_MAX, SqlType.TIME));
        assertEquals("00:00:01.500000", ValueText.toText(Duration.ofMillis(1500), SqlType.TIME.withScale(6)));
        assertEquals("0099-01-01", ValueText.toText(LocalDate.of(99, 1, 1), SqlType.DATE));
    }

    @Test
    void bytesAsLatin1() {
        assertEquals("\u00ff\u0000", ValueText.toText(new byte[] {(byte) 0xff, 0}, SqlType.of(TypeKind.VARBINARY, 2)));
    }
}
