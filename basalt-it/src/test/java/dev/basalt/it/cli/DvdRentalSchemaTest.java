package dev.basalt.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Commands;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DVD-rental store schema (schemas/dvd_rental.sql: the feature mix of the classic sample schemas,
 * FKs, triggers, routines, views, a SPATIAL and a FULLTEXT index) loads through the real
 * {@code mariadb} client with no error, its views, routines and searches answer as on MySQL 8,
 * and it survives {@code mysqldump --routines --triggers --events} and a reload into a fresh
 * database: the same objects, the same rows, and the reloaded triggers, keys and routines work.
 */
class DvdRentalSchemaTest {
    private static final String DUMP = "/usr/bin/mysqldump";
    private static final List<String> TABLES = List.of("actor", "address", "category", "city", "country", "customer",
            "film", "film_actor", "film_category", "film_text", "inventory", "language", "payment", "rental", "staff", "store");
    private static final List<String> VIEWS = List.of("actor_info", "customer_list", "film_list", "sales_by_film_category",
            "sales_by_store", "staff_list");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void loadsAnswersAndRoundTripsThroughMysqldump() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mysqldump / mariadb client not installed");
        MariaDbCli.Output load = MariaDbCli.run(server, RepoPaths.testResources().resolve("schemas/dvd_rental.sql"));
        assertEquals("", load.stderr());
        assertEquals(0, load.exitCode());

        try (Connection c = server.connect("dvdstore"); Statement s = c.createStatement()) {
            answersAsMysql(s);
        }

        // the dump holds geometry values as raw bytes: mysqldump writes the file, the client reads it
        Path file = Files.createTempFile("dvd-dump", ".sql");
        try {
            Commands.run(List.of(DUMP, "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                    "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl",
                    "--routines", "--triggers", "--events", "--result-file=" + file, "dvdstore"), null);
            String dump = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertTrue(dump.contains("SPATIAL KEY `idx_location`") && dump.contains("FULLTEXT KEY `idx_title_description`"), dump);
            assertTrue(dump.contains("CREATE DEFINER=") && dump.contains("TRIGGER `ins_film`"), dump);
            try (Connection c = server.connect(""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE dvdcopy");
            }
            Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                    "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "dvdcopy"), file);
        } finally {
            Files.deleteIfExists(file);
        }

        try (Connection c = server.connect("dvdcopy"); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                assertEquals(show(s, "SHOW CREATE TABLE dvdstore." + t, 2), show(s, "SHOW CREATE TABLE dvdcopy." + t, 2), t);
                assertEquals(Commands.rows(s, "SELECT * FROM dvdstore." + t + " ORDER BY 1, 2"),
                        Commands.rows(s, "SELECT * FROM dvdcopy." + t + " ORDER BY 1, 2"), t);
            }
            for (String v : VIEWS) {
                assertEquals(show(s, "SHOW CREATE VIEW dvdstore." + v, 2).replace("`dvdstore`", "`dvdcopy`"),
                        show(s, "SHOW CREATE VIEW dvdcopy." + v, 2), v);
            }
            assertEquals(names(s, "dvdstore", "TRIGGER_NAME", "TRIGGERS", "TRIGGER_SCHEMA"),
                    names(s, "dvdcopy", "TRIGGER_NAME", "TRIGGERS", "TRIGGER_SCHEMA"));
            assertEquals(6, names(s, "dvdcopy", "TRIGGER_NAME", "TRIGGERS", "TRIGGER_SCHEMA").size());
            assertEquals(names(s, "dvdstore", "ROUTINE_NAME", "ROUTINES", "ROUTINE_SCHEMA"),
                    names(s, "dvdcopy", "ROUTINE_NAME", "ROUTINES", "ROUTINE_SCHEMA"));
            for (String p : List.of("film_in_stock", "rewards_report")) {
                assertEquals(show(s, "SHOW CREATE PROCEDURE dvdstore." + p, 3), show(s, "SHOW CREATE PROCEDURE dvdcopy." + p, 3), p);
            }
            for (String f : List.of("get_customer_balance", "inventory_in_stock")) {
                assertEquals(show(s, "SHOW CREATE FUNCTION dvdstore." + f, 3), show(s, "SHOW CREATE FUNCTION dvdcopy." + f, 3), f);
            }
            answersAsMysql(s);
            // the reloaded programs and keys work
            s.execute("INSERT INTO film (film_id, title, description, language_id) VALUES (6, 'ECHO BAY', 'A lighthouse mystery', 1)");
            assertEquals(List.of("6 ECHO BAY"), Commands.rows(s, "SELECT film_id, title FROM film_text WHERE film_id = 6"));
            assertEquals(1452, assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO inventory (film_id, store_id) VALUES (99, 1)")).getErrorCode());
            assertEquals(1644, assertThrows(SQLException.class, () -> s.execute(
                    "INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES ('1999-01-01', 1, 1, 1)")).getErrorCode());
            assertEquals(List.of("1"), Commands.rows(s, "SELECT address_id FROM address"
                    + " WHERE ST_Contains(ST_GeomFromText('POLYGON((9 19.5, 10.5 19.5, 10.5 21, 9 21, 9 19.5))'), location)"));
        }
    }

    /** What MySQL 8 answers on the loaded data (checked against MariaDB where it agrees). */
    private static void answersAsMysql(Statement s) throws SQLException {
        assertEquals(List.of("1 NORA PIKE Lumen Atlantis active", "2 OTTO LINDQVIST Lumen Atlantis active", "3 PRIYA SANDHU Szohod Borduria "),
                Commands.rows(s, "SELECT ID, name, city, country, notes FROM customer_list ORDER BY ID"));
        assertEquals(List.of("1 Drama ALMA BRENNER, IRIS DUVAL", "2 Comedy CASPER DUVAL, IRIS DUVAL",
                        "3 Documentary EDITH FAIRWEATHER", "4 Action CASPER DUVAL, GIDEON HALE", "5 Drama ALMA BRENNER"),
                Commands.rows(s, "SELECT FID, category, actors FROM film_list ORDER BY FID"));
        // GROUP BY the store's key covers the joined address, city, country and manager (ONLY_FULL_GROUP_BY)
        assertEquals(List.of("Ostra,Atlantis Tobin Reyes 5.99", "Vellum,Carpania Mara Quill 8.97"),
                Commands.rows(s, "SELECT * FROM sales_by_store"));
        assertEquals(List.of("Drama 7.98", "Documentary 5.99", "Comedy 0.99", "Action 0.00"),
                Commands.rows(s, "SELECT * FROM sales_by_film_category"));
        assertEquals(List.of("2 Action: QUARRY RUN; Comedy: CASTLE CAPERS"),
                Commands.rows(s, "SELECT actor_id, film_info FROM actor_info WHERE actor_id = 2"));
        assertEquals(List.of("1 1", "2 1", "3 0", "4 1", "5 0", "6 1"),
                Commands.rows(s, "SELECT inventory_id, inventory_in_stock(inventory_id) FROM inventory ORDER BY inventory_id"));
        assertEquals(List.of("1 2.00", "2 -6.00", "3 2.99"),
                Commands.rows(s, "SELECT customer_id, get_customer_balance(customer_id, '2005-07-01') FROM customer ORDER BY 1"));
        assertEquals(List.of("1", "2"), Commands.rows(s, "CALL film_in_stock(1, 1, @n)"));
        assertEquals(List.of("2"), Commands.rows(s, "SELECT @n"));
        s.execute("CALL rewards_report(1, 1.00, @r)");
        assertEquals(List.of("1"), Commands.rows(s, "SELECT @r"));
        assertEquals(List.of("1", "3", "5"), Commands.rows(s, "SELECT address_id FROM address"
                + " WHERE MBRContains(ST_GeomFromText('POLYGON((0 0, 20 0, 20 30, 0 30, 0 0))'), location) ORDER BY address_id"));
        assertEquals(List.of("1", "2", "4", "5"), Commands.rows(s,
                "SELECT film_id FROM film_text WHERE MATCH (title, description) AGAINST ('lighthouse dragon') ORDER BY film_id"));
        // without ORDER BY: highest relevance first (film 5 also waltzes, twice), as InnoDB
        assertEquals(List.of("5", "1"), Commands.rows(s,
                "SELECT film_id FROM film_text WHERE MATCH (title, description) AGAINST ('lighthouse keeper waltz')"));
        // the BEFORE INSERT trigger made the negative payment 0
        assertEquals(List.of("0.00"), Commands.rows(s, "SELECT amount FROM payment WHERE payment_id = 4"));
    }

    private static String show(Statement s, String sql, int column) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(column);
        }
    }

    private static List<String> names(Statement s, String db, String column, String view, String schemaColumn) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT " + column + " FROM information_schema." + view + " WHERE " + schemaColumn
                + " = '" + db + "' ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
