package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgGenerateSeriesTest {

    @Test
    void becomesADerivedTableNamedAsPostgresNamesIt() {
        String sql = PgDialect.translate("SELECT * FROM generate_series(1, 3) AS g(n) WHERE n > 1").sql();
        assertTrue(sql.startsWith("SELECT * FROM (WITH RECURSIVE basalt_series(v) AS"), sql);
        assertTrue(sql.endsWith("SELECT v AS n FROM basalt_series) AS g WHERE n > 1"), sql);
        assertTrue(PgDialect.translate("SELECT * FROM generate_series(1, 3)").sql()
                .endsWith("SELECT v AS generate_series FROM basalt_series) AS generate_series"));
    }

    @Test
    void parametersRepeatWithTheirArguments() {
        PgDialect.Translation t = PgDialect.translate("SELECT * FROM generate_series($1, $2) s");
        // start appears three times in the anchor, stop four times (anchor and recursive part), step none
        assertEquals(7, t.parameterOrder().length);
        assertEquals(2, t.parameterCount());
        assertEquals(0, t.parameterOrder()[0]);
    }

    @Test
    void timestampsStepByAnInterval() {
        String sql = PgDialect.translate("SELECT * FROM generate_series($1::timestamp, $2, '2 hours'::interval) h").sql();
        assertTrue(sql.contains("v + INTERVAL 2 HOUR <= CAST(("), sql);
        assertTrue(PgDialect.translate("SELECT * FROM generate_series(now(), now(), interval '1 mon') g").sql()
                .contains("INTERVAL 1 MONTH"));
    }

    @Test
    void onlyInFrom() {
        assertEquals("SELECT generate_series(1, 3)", PgDialect.translate("SELECT generate_series(1, 3)").sql());
        assertEquals("SELECT a, generate_series(1, 3) FROM t", PgDialect.translate("SELECT a, generate_series(1, 3) FROM t").sql());
        assertTrue(PgDialect.translate("SELECT * FROM t, generate_series(1, 3) g").sql().contains("FROM t, (WITH RECURSIVE"));
    }
}
