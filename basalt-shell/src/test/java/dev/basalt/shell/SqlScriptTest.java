package dev.basalt.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlScriptTest {

    @Test
    void splitsAtDelimitersOutsideQuotesAndCommentsKeepingStartLines() {
        List<SqlScript.Statement> st = SqlScript.split("""
                -- a comment; not a statement
                CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('x;y'),
                  ("it's");
                /* block; comment */
                /*!40101 SET NAMES utf8mb4 */;
                DELIMITER //
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
                DELIMITER ;
                SELECT `a;b` FROM t""");
        assertEquals(List.of(
                new SqlScript.Statement("CREATE TABLE t (a TEXT)", 2),
                new SqlScript.Statement("INSERT INTO t VALUES ('x;y'),\n  (\"it's\")", 2),
                new SqlScript.Statement("/*!40101 SET NAMES utf8mb4 */", 5),
                new SqlScript.Statement("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", 7),
                new SqlScript.Statement("SELECT `a;b` FROM t", 9)), st);
    }
}
