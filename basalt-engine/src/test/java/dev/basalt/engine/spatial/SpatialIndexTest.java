package dev.basalt.engine.spatial;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPATIAL indexes: built and kept (bounding rectangles of the rows' geometries), read by spatial
 * relations with a constant geometry (EXPLAIN type range, the slow log's Rows_examined), with the
 * results of a scan.
 */
class SpatialIndexTest {
    private BasaltEngine engine;
    private Session s;

    @BeforeEach
    void open() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        s = engine.openSession(new SessionOptions(7, "root", "localhost", null, false));
        sql("CREATE DATABASE d");
        sql("USE d");
        sql("CREATE TABLE pts (id INT PRIMARY KEY, g POINT NOT NULL SRID 0, SPATIAL INDEX sp (g))");
        StringBuilder insert = new StringBuilder("INSERT INTO pts VALUES (1, POINT(0, 0))");
        for (int i = 2; i <= 400; i++) insert.append(", (").append(i).append(", POINT(").append(i % 20).append(", ").append(i / 20).append("))");
        sql(insert.toString());
        sql("CREATE TABLE shapes (id INT PRIMARY KEY, g GEOMETRY NOT NULL SRID 0)");
        sql("INSERT INTO shapes VALUES (1, ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))')),"
                + " (2, ST_GeomFromText('LINESTRING(100 100,200 200)')), (3, ST_GeomFromText('POINT(5 5)')),"
                + " (4, ST_GeomFromText('POLYGON((-1000 -1000,1000 -1000,1000 1000,-1000 1000,-1000 -1000))')),"
                + " (5, ST_GeomFromText('GEOMETRYCOLLECTION EMPTY'))");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        engine.close();
    }

    private List<Object[]> sql(String text) { return SqlRows.of(s, text); }

    private List<String> column(String query) { return SqlRows.column(s, query); }

    private static final String WINDOW = "ST_GeomFromText('POLYGON((1 1,3 1,3 3,1 3,1 1))')";

    @Test
    void aRelationWithAConstantReadsTheRowsNearIt() {
        Object[] row = sql("EXPLAIN SELECT id FROM pts WHERE MBRContains(" + WINDOW + ", g)").getFirst();
        assertEquals(List.of("range", "sp", "sp"), List.of(row[4], row[5], row[6]));
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        // the points in (1..3, 1..3) are ids 21..23, 41..43, 61..63: each search reads those 9; (2, 2) is inside
        assertEquals(List.of("42"), column("SELECT id FROM pts WHERE MBRContains(" + WINDOW + ", g) ORDER BY id"));
        assertEquals(List.of("42"), column("SELECT id FROM pts WHERE ST_Contains(" + WINDOW + ", g) ORDER BY id"));
        assertEquals(List.of("21", "22", "23", "41", "42", "43", "61", "62", "63"),
                column("SELECT id FROM pts WHERE ST_Intersects(g, " + WINDOW + ") ORDER BY id"));
        sql("SET GLOBAL slow_query_log = OFF");
        assertEquals(List.of("9", "9", "9"), column("SELECT rows_examined FROM mysql.slow_log WHERE sql_text LIKE '%FROM pts WHERE%' ORDER BY start_time"));
    }

    @Test
    void indexAddedLaterCoversWideShapesAndFollowsChanges() {
        sql("ALTER TABLE shapes ADD SPATIAL INDEX sg (g)");
        String q = "SELECT id FROM shapes WHERE ST_Intersects(g, ST_GeomFromText('POINT(5 5)')) ORDER BY id";
        assertEquals(List.of("1", "3", "4"), column(q));
        assertEquals("range", sql("EXPLAIN " + q).getFirst()[4]);
        sql("UPDATE shapes SET g = ST_GeomFromText('POINT(50 50)') WHERE id = 3");
        sql("DELETE FROM shapes WHERE id = 4");
        sql("INSERT INTO shapes VALUES (6, ST_GeomFromText('LINESTRING(0 5,10 5)'))");
        assertEquals(List.of("1", "6"), column(q));
        assertEquals(List.of("2"), column("SELECT id FROM shapes WHERE MBRWithin(g, ST_GeomFromText('POLYGON((90 90,210 90,210 210,90 210,90 90))'))"));
        sql("TRUNCATE TABLE shapes");
        assertEquals(List.of(), column(q));
        assertTrue(String.valueOf(sql("SHOW CREATE TABLE shapes").getFirst()[1]).contains("SPATIAL KEY `sg` (`g`)"));
        assertEquals(List.of("SPATIAL"), column("SELECT INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_NAME = 'shapes' AND INDEX_NAME = 'sg'"));
        sql("DROP INDEX sg ON shapes");
        sql("CREATE SPATIAL INDEX sg2 ON shapes (g)");
        sql("INSERT INTO shapes VALUES (1, POINT(5, 5))");
        assertEquals(List.of("1"), column(q));
    }

    /**
     * SRID 4326: the index finds what a scan finds, for rows across the antimeridian, around a pole
     * and with edges that bulge toward the pole beyond their vertices' rectangle.
     */
    @Test
    void aGeographicColumnFindsWhatAScanFinds() {
        sql("CREATE TABLE geo (id INT PRIMARY KEY, g GEOMETRY NOT NULL SRID 4326, SPATIAL INDEX gi (g))");
        sql("INSERT INTO geo VALUES (1, ST_GeomFromText('POLYGON((0 179,0 -179,1 -179,1 179,0 179))', 4326)),"
                + " (2, ST_GeomFromText('POLYGON((80 0,80 90,80 180,80 -90,80 0))', 4326)),"
                + " (3, ST_GeomFromText('LINESTRING(60 0,60 60)', 4326)),"
                + " (4, ST_GeomFromText('POINT(10 10)', 4326)), (5, ST_GeomFromText('POINT(10 100)', 4326))");
        String[][] cases = {
            {"ST_Intersects(g, ST_GeomFromText('POINT(0.5 179.5)', 4326))", "1"},
            {"ST_Contains(g, ST_GeomFromText('POINT(85 -120)', 4326))", "2"},
            // the geodesic from 60N 0E to 60N 60E reaches 63.4N at 30E, above its vertices' 60N
            {"ST_Intersects(g, ST_GeomFromText('POLYGON((63.3 29.9,63.3 30.1,63.6 30.1,63.6 29.9,63.3 29.9))', 4326))", "3"},
            {"ST_Within(g, ST_GeomFromText('POLYGON((9 9,9 11,11 11,11 9,9 9))', 4326))", "4"},
        };
        for (String[] c : cases) {
            String q = "SELECT id FROM geo WHERE " + c[0] + " ORDER BY id";
            assertEquals("range", sql("EXPLAIN " + q).getFirst()[4], q);
            assertEquals(List.of(c[1]), column(q), q);
            assertEquals(List.of(c[1]), column("SELECT id FROM geo IGNORE INDEX (gi) WHERE " + c[0] + " ORDER BY id"), q);
        }
        // a constant 180 degrees wide or more may wrap: every row is read, the relation decides
        String wide = "ST_Intersects(g, ST_GeomFromText('POLYGON((-89 -179,-89 179,89 179,89 -179,-89 -179))', 4326))";
        assertEquals(column("SELECT id FROM geo IGNORE INDEX (gi) WHERE " + wide + " ORDER BY id"),
                column("SELECT id FROM geo WHERE " + wide + " ORDER BY id"));
        // the MBR relations are 3618 in a geographic SRID: not served by the index (a search reading no row would hide it)
        assertEquals("ALL", sql("EXPLAIN SELECT id FROM geo WHERE MBRIntersects(g, ST_GeomFromText('POINT(0 0)', 4326))").getFirst()[4]);
    }

    @Test
    void otherSridsAndNullableColumnsAreRefusedOrScanned() {
        // the relation's own error, as without the index
        assertEquals(3033, assertThrows(SqlException.class,
                () -> sql("SELECT id FROM pts WHERE ST_Contains(ST_GeomFromText('POINT(1 1)', 3857), g)")).errorCode());
        assertEquals(1252, assertThrows(SqlException.class, () -> sql("CREATE TABLE n (g GEOMETRY SRID 0, SPATIAL INDEX (g))")).errorCode());
        assertEquals(1252, assertThrows(SqlException.class, () -> sql("ALTER TABLE pts MODIFY g POINT SRID 0")).errorCode());
        assertEquals(1687, assertThrows(SqlException.class, () -> sql("CREATE SPATIAL INDEX bad ON pts (id)")).errorCode());
        assertEquals(List.of(), column("SELECT id FROM pts WHERE ST_Contains(NULL, g)"));
    }
}
