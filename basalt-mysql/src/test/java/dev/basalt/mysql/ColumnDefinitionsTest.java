package dev.basalt.mysql;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.Sequence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static dev.basalt.mysql.ColumnDefinitions.*;
import static org.junit.jupiter.api.Assertions.*;

class ColumnDefinitionsTest {

    record Decoded(String catalog, String schema, String table, String orgTable, String name, String orgName,
                   int charset, long length, int type, int flags, int decimals, boolean hasDefault) {}

    static Decoded encode(ColumnInfo c, boolean withDefault) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(out, new Sequence());
        ColumnDefinitions.write(w, c, withDefault);
        w.send();
        w.flush();
        byte[] all = out.toByteArray();
        Payload p = new Payload(Arrays.copyOfRange(all, 4, all.length));
        Decoded d = new Decoded(p.readLenencString(), p.readLenencString(), p.readLenencString(), p.readLenencString(),
                p.readLenencString(), p.readLenencString(), skipFixedLength(p), p.readInt4(), p.readInt1(), p.readInt2(),
                p.readInt1(), false);
        assertEquals(0, p.readInt2(), "filler");
        if (withDefault) {
            assertEquals(0xFB, p.readInt1(), "NULL default");
            d = new Decoded(d.catalog, d.schema, d.table, d.orgTable, d.name, d.orgName, d.charset, d.length, d.type,
                    d.flags, d.decimals, true);
        }
        assertFalse(p.hasRemaining());
        return d;
    }

    private static int skipFixedLength(Payload p) {
        assertEquals(0x0c, p.readLenenc());
        return p.readInt2();
    }

    static Decoded expr(SqlType t) throws IOException {
        return encode(ColumnInfo.expression("e", t, true), false);
    }

    @Test
    void tableColumnCarriesNamesAndKeyFlags() throws IOException {
        ColumnInfo id = new ColumnInfo("shop", "p", "products", "pid", "id", SqlType.INT, false, true, false, false, true);
        Decoded d = encode(id, false);
        assertEquals("def", d.catalog);
        assertEquals("shop", d.schema);
        assertEquals("p", d.table);
        assertEquals("products", d.orgTable);
        assertEquals("pid", d.name);
        assertEquals("id", d.orgName);
        assertEquals(63, d.charset);
        assertEquals(11, d.length);
        assertEquals(3, d.type);
        assertEquals(NOT_NULL | PRI_KEY | AUTO_INCREMENT | NUM, d.flags); // a stored number: no BINARY, like mysqld
        assertEquals(0, d.decimals);
    }

    @Test
    void varcharIsFourBytesPerCharacterInUtf8mb4() throws IOException {
        Decoded d = expr(SqlType.varchar(10));
        assertEquals(253, d.type);
        assertEquals(40, d.length);
        assertEquals(255, d.charset);
        assertEquals(0, d.flags & BINARY);
        Decoded bin = expr(SqlType.varchar(10).withCollation(Collation.BINARY));
        assertEquals(46, bin.charset);
        assertNotEquals(0, bin.flags & BINARY);
        Decoded varbinary = expr(SqlType.of(TypeKind.VARBINARY, 10));
        assertEquals(253, varbinary.type);
        assertEquals(10, varbinary.length);
        assertEquals(63, varbinary.charset);
    }

    @Test
    void numericLengthsAndDecimals() throws IOException {
        assertEquals(20, expr(SqlType.BIGINT).length);
        assertEquals(8, expr(SqlType.BIGINT).type);
        assertEquals(10, expr(SqlType.INT.withUnsigned(true)).length);
        assertNotEquals(0, expr(SqlType.INT.withUnsigned(true)).flags & UNSIGNED);
        assertEquals(4, expr(SqlType.of(TypeKind.TINYINT)).length);
        assertEquals(1, expr(SqlType.BOOLEAN).length);
        assertEquals(9, expr(SqlType.of(TypeKind.MEDIUMINT)).type);

        Decoded dec = expr(SqlType.decimal(10, 2));
        assertEquals(246, dec.type);
        assertEquals(12, dec.length);
        assertEquals(2, dec.decimals);
        assertEquals(11, expr(SqlType.decimal(10, 0)).length); // digits + sign
        assertEquals(11, expr(SqlType.decimal(10, 2).withUnsigned(true)).length);

        Decoded dbl = expr(SqlType.DOUBLE);
        assertEquals(5, dbl.type);
        assertEquals(22, dbl.length);
        assertEquals(31, dbl.decimals);
        assertEquals(4, expr(SqlType.of(TypeKind.FLOAT)).type);
        assertEquals(31, expr(SqlType.of(TypeKind.FLOAT)).decimals);
    }

    @Test
    void temporalLengthsIncludeFractionalSeconds() throws IOException {
        assertEquals(10, expr(SqlType.DATE).length);
        assertEquals(10, expr(SqlType.DATE).type);
        assertEquals(19, expr(SqlType.DATETIME).length);
        Decoded dt3 = expr(SqlType.DATETIME.withScale(3));
        assertEquals(23, dt3.length);
        assertEquals(3, dt3.decimals);
        assertEquals(12, dt3.type);
        assertEquals(10, expr(SqlType.TIME).length);
        assertEquals(17, expr(SqlType.TIME.withScale(6)).length);
        Decoded ts = expr(SqlType.of(TypeKind.TIMESTAMP));
        assertEquals(7, ts.type);
        assertNotEquals(0, ts.flags & TIMESTAMP);
        assertEquals(63, ts.charset);
        assertEquals(13, expr(SqlType.of(TypeKind.YEAR)).type);
    }

    @Test
    void lobsEnumsSetsJsonAndNull() throws IOException {
        Decoded text = expr(SqlType.of(TypeKind.TEXT));
        assertEquals(252, text.type);
        assertEquals(262140, text.length);
        assertNotEquals(0, text.flags & BLOB);
        assertEquals(255, text.charset);
        Decoded blob = expr(SqlType.of(TypeKind.LONGBLOB));
        assertEquals(4294967295L, blob.length);
        assertEquals(63, blob.charset);
        assertEquals(BLOB | BINARY, blob.flags & (BLOB | BINARY));

        SqlType colors = new SqlType(TypeKind.ENUM, 0, 0, 0, false, false, List.of("red", "green"), null);
        Decoded e = expr(colors);
        assertEquals(254, e.type);
        assertEquals(20, e.length);
        assertNotEquals(0, e.flags & ENUM);
        SqlType set = new SqlType(TypeKind.SET, 0, 0, 0, false, false, List.of("a", "bb"), null);
        Decoded s = expr(set);
        assertEquals(254, s.type);
        assertEquals(16, s.length);
        assertNotEquals(0, s.flags & SET);

        Decoded json = expr(SqlType.of(TypeKind.JSON));
        assertEquals(245, json.type);
        assertEquals(63, json.charset);
        assertEquals(4294967295L, json.length);
        assertEquals(BLOB | BINARY, json.flags);

        Decoded bit = expr(SqlType.of(TypeKind.BIT, 12));
        assertEquals(16, bit.type);
        assertEquals(12, bit.length);

        assertEquals(6, expr(SqlType.NULL).type);
        assertEquals(0, expr(SqlType.NULL).length);
    }

    @Test
    void fieldListVariantEndsWithADefault() throws IOException {
        Decoded d = encode(ColumnInfo.expression("x", SqlType.INT, false), true);
        assertTrue(d.hasDefault);
        assertEquals(NOT_NULL, d.flags & NOT_NULL);
    }
}
