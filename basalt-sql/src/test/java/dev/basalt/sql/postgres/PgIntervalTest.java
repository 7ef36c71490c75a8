package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgIntervalTest {

    @Test
    void literalsBecomeIntervalValues() {
        assertEquals("SELECT NOW() - PG_INTERVAL('1 day')", PgDialect.translate("SELECT NOW() - interval '1 day'").sql());
        assertEquals("SELECT d + PG_INTERVAL('90 minutes') FROM t", PgDialect.translate("SELECT d + '90 minutes'::interval FROM t").sql());
        assertEquals("SELECT d - PG_INTERVAL('1 year 2 mons') AS x", PgDialect.translate("SELECT d - INTERVAL '1 year 2 mons' AS x").sql());
        assertEquals("SELECT PG_INTERVAL('1 day') * 2", PgDialect.translate("SELECT interval '1 day' * 2").sql());
    }

    @Test
    void mySqlFormsAreLeftAlone() {
        assertEquals("SELECT d + INTERVAL 1 DAY", PgDialect.translate("SELECT d + INTERVAL 1 DAY").sql());
        assertEquals("SELECT d + INTERVAL '1' DAY", PgDialect.translate("SELECT d + INTERVAL '1' DAY").sql());
    }

    @Test
    void dateFunctionsGetTheEngineNames() {
        assertEquals("SELECT PG_AGE(a, b), PG_JUSTIFY_DAYS(i), x.age(1)", PgDialect.translate("SELECT age(a, b), justify_days(i), x.age(1)").sql());
        assertEquals("SELECT PG_EXTRACT('epoch', PG_INTERVAL('1 day')) + 1", PgDialect.translate("SELECT extract(EPOCH FROM interval '1 day') + 1").sql());
        assertEquals("SELECT PG_EXTRACT('year', $1) FROM t".replace("$1", "?"), PgDialect.translate("SELECT extract(year from $1) FROM t").sql());
    }

    @Test
    void generateSeriesStepsStillWork() {
        String sql = PgDialect.translate("SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '1 day'::interval)").sql();
        assertTrue(sql.contains("INTERVAL 1 DAY"), sql);
    }
}
