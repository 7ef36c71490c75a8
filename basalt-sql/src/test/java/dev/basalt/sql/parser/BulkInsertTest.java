package dev.basalt.sql.parser;

import dev.basalt.sql.ast.HexLiteral;
import dev.basalt.sql.ast.Insert;
import dev.basalt.sql.ast.InsertValues;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.UnaryOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** mysqldump-style multi-row INSERTs: the bulk-load path must parse them whole and exactly. */
class BulkInsertTest {
    @Test
    void tenThousandRowInsert() {
        int rows = 10_000;
        StringBuilder sql = new StringBuilder("INSERT INTO `orders` VALUES ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append('(').append(i).append(",'customer ").append(i).append(" it\\'s',")
                    .append(i % 3 == 0 ? "NULL" : String.valueOf(i * 1.25)).append(",0x0A0B,-").append(i)
                    .append(",'2024-01-0").append(i % 9 + 1).append(" 10:00:00')");
        }
        sql.append(';');
        MySqlParser parser = new MySqlParser(sql.toString());
        Statement statement = parser.next();
        assertNull(parser.next());

        Insert insert = assertInstanceOf(Insert.class, statement);
        List<List<dev.basalt.sql.ast.Expression>> values = assertInstanceOf(InsertValues.class, insert.source()).rows();
        assertEquals(rows, values.size());
        List<dev.basalt.sql.ast.Expression> last = values.get(rows - 1);
        assertEquals(6, last.size());
        assertEquals("9999", ((NumberLiteral) last.get(0)).text());
        assertEquals("customer 9999 it's", ((StringLiteral) last.get(1)).value());
        assertInstanceOf(NullLiteral.class, values.get(0).get(2));
        assertInstanceOf(NullLiteral.class, last.get(2));
        assertEquals("12497.5", ((NumberLiteral) values.get(rows - 2).get(2)).text());
        assertEquals("0A0B", ((HexLiteral) last.get(3)).digits());
        assertInstanceOf(UnaryOp.class, last.get(4));
    }

    @Test
    void manyInsertStatementsInOneText() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            sql.append("INSERT INTO t VALUES (").append(i).append(");\n");
        }
        assertEquals(2_000, MySqlParser.parseAll(sql.toString()).size());
    }
}
