package dev.basalt.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/** Many rows from a cursor that reuses its row array, through both drivers. */
class StreamingTest {
    static ServerFixture fixture;
    static final int ROWS = 200_000;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture("caching_sha2_password");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void manyRowsArriveIntactThroughBothDrivers() throws Exception {
        for (String url : new String[] {
                "jdbc:mariadb://127.0.0.1:" + fixture.port() + "/test?user=root",
                "jdbc:mysql://127.0.0.1:" + fixture.port() + "/test?user=root&sslMode=DISABLED"}) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                long started = System.nanoTime();
                ResultSet rs = s.executeQuery("SELECT * FROM seq_" + ROWS);
                long count = 0, sum = 0;
                BigDecimal quarters = BigDecimal.ZERO;
                while (rs.next()) {
                    count++;
                    long i = rs.getLong(1);
                    sum += i;
                    assertEquals(i, count);
                    if (i % 1000 == 0) {
                        assertEquals("row-" + i, rs.getString(2));
                        quarters = quarters.add(rs.getBigDecimal(3));
                    }
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.err.println(url.substring(5, 12) + ": " + ROWS + " rows in " + millis + " ms");
                assertEquals(ROWS, count);
                assertEquals((long) ROWS * (ROWS + 1) / 2, sum);
                // sum over i = 1000k of i/4 for k = 1..200
                assertEquals(new BigDecimal("5025000.00"), quarters);
            }
        }
    }
}
