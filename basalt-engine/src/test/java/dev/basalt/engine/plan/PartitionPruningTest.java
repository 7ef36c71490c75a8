package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.List;

/**
 * EXPLAIN's partitions column lists only the partitions the WHERE clause can reach (equality, IN,
 * IS NULL on the partitioning columns; ranges on a monotonic RANGE). Cases: plan/partition-pruning.csv.
 */
class PartitionPruningTest {

    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        rows("CREATE DATABASE d");
        rows("USE d");
        rows("CREATE TABLE r (a INT, b INT) PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), "
                + "PARTITION p1 VALUES LESS THAN (20), PARTITION p2 VALUES LESS THAN (30), PARTITION pmax VALUES LESS THAN MAXVALUE)");
        rows("CREATE TABLE y (d DATE) PARTITION BY RANGE (YEAR(d)) (PARTITION p2020 VALUES LESS THAN (2021), "
                + "PARTITION p2021 VALUES LESS THAN (2022), PARTITION p2022 VALUES LESS THAN (2023), PARTITION pmax VALUES LESS THAN MAXVALUE)");
        rows("CREATE TABLE l (a INT) PARTITION BY LIST (a) (PARTITION odd VALUES IN (1, 3), PARTITION even VALUES IN (2, 4))");
        rows("CREATE TABLE h (a INT) PARTITION BY HASH (a) PARTITIONS 4");
        rows("CREATE TABLE plain (a INT)");
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/partition-pruning.csv", delimiter = ';', numLinesToSkip = 1)
    void explainShowsThePartitionsRead(String query, String expected) {
        List<Object[]> got = rows("EXPLAIN " + query);
        assertEquals(expected.trim(), String.valueOf(got.getFirst()[3]));
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
