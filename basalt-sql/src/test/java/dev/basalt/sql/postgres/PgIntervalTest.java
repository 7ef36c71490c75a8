package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgIntervalTest {

    @Test
    void literalsBecomeMySqlIntervals() {
        assertEquals("SELECT NOW() - INTERVAL 86400 SECOND", PgDialect.translate("SELECT NOW() - interval '1 day'").sql());
        assertEquals("SELECT d + INTERVAL 5400 SECOND FROM t", PgDialect.translate("SELECT d + '90 minutes'::interval FROM t").sql());
        assertEquals("SELECT d + INTERVAL 93600 SECOND", PgDialect.translate("SELECT d + interval '1 day 2 hours'").sql());
        assertEquals("SELECT d - INTERVAL 14 MONTH", PgDialect.translate("SELECT d - INTERVAL '1 year 2 mons'").sql());
        assertEquals("SELECT d + INTERVAL 1500 MICROSECOND", PgDialect.translate("SELECT d + interval '1.5 ms'").sql());
        assertEquals("SELECT d + INTERVAL -3600 SECOND", PgDialect.translate("SELECT d + interval '-1 hour'").sql());
    }

    @Test
    void mySqlFormsAndUnreadableLiteralsAreLeftAlone() {
        assertEquals("SELECT d + INTERVAL 1 DAY", PgDialect.translate("SELECT d + INTERVAL 1 DAY").sql());
        assertEquals("SELECT d + INTERVAL '1' DAY", PgDialect.translate("SELECT d + INTERVAL '1' DAY").sql());
        assertNull(PgInterval.mysql("'1 month 2 days'")); // no single MySQL unit
        assertNull(PgInterval.mysql("'P1D'"));
        assertNull(PgInterval.mysql("''"));
    }

    @Test
    void generateSeriesStepsStillWork() {
        String sql = PgDialect.translate("SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '1 day'::interval)").sql();
        assertTrue(sql.contains("INTERVAL 1 DAY"), sql);
    }
}
