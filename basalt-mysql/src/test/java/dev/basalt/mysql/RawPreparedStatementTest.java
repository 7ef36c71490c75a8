package dev.basalt.mysql;

import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** COM_STMT_* packet by packet against the fake engine: prepare layout, parameter decoding, binary rows, errors. */
class RawPreparedStatementTest {
    private static final int PREPARE = 0x16, EXECUTE = 0x17, LONG_DATA = 0x18, CLOSE = 0x19, RESET = 0x1a,
            FETCH = 0x1c, PING = 0x0e;
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture("mysql_native_password", 1024 * 1024, true);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static RawClient login(int caps) throws IOException {
        RawClient c = new RawClient(fixture.port()).login("alice", "secret", "test", caps);
        assertEquals(0x00, c.read().readInt1(), "login OK");
        return c;
    }

    private static void prepare(RawClient c, String sql) throws IOException {
        c.command(PREPARE, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Little-endian packet body builder. */
    private static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body int1(int v) { out.write(v); return this; }
        Body int2(int v) { return int1(v).int1(v >> 8); }
        Body int4(long v) { return int2((int) v).int2((int) (v >> 16)); }
        Body int8(long v) { return int4(v).int4(v >>> 32); }
        Body lenenc(byte[] b) { int1(b.length); out.writeBytes(b); return this; }
        Body lenenc(String s) { return lenenc(s.getBytes(StandardCharsets.UTF_8)); }
        byte[] bytes() { return out.toByteArray(); }
    }

    private static Body executeHeader(long id) { return new Body().int4(id).int1(0).int4(1); }

    private static void assertError(Payload p, int code, String state) {
        assertEquals(0xFF, p.readInt1(), "expected an error");
        assertEquals(code, p.readInt2());
        assertEquals('#', p.readInt1());
        assertEquals(state, new String(p.readBytes(5), StandardCharsets.US_ASCII));
    }

    /** Column count, definitions, rows as raw payloads, terminator (DEPRECATE_EOF). */
    private static List<Payload> binaryRows(RawClient c) throws IOException {
        Payload head = c.read();
        if (head.peek() == 0xFF) fail("execute failed: " + head.readRestString());
        long columns = head.readLenenc();
        for (long i = 0; i < columns; i++) c.read();
        List<Payload> rows = new ArrayList<>();
        for (Payload p; (p = c.read()).peek() != 0xFE; ) rows.add(new Payload(p.readRestBytes())); // the reader reuses its buffer
        return rows;
    }

    @Test
    void prepareAnswersWithIdCountsAndDefinitions() throws IOException {
        try (RawClient c = login(0)) {
            prepare(c, "ECHO ?, ?");
            Payload ok = c.read();
            assertEquals(0x00, ok.readInt1());
            long id = ok.readInt4();
            assertEquals(2, ok.readInt2(), "columns");
            assertEquals(2, ok.readInt2(), "parameters");
            assertEquals(0, ok.readInt1());
            assertEquals(0, ok.readInt2(), "warnings");
            for (int i = 0; i < 2; i++) {
                Payload def = c.read();
                assertEquals("def", def.readLenencString());
                def.readLenencString(); def.readLenencString(); def.readLenencString();
                assertEquals("?", def.readLenencString());
            }
            assertEquals(0xFE, c.read().peek(), "EOF after parameters");
            Payload col = c.read();
            assertEquals("def", col.readLenencString());
            c.read();
            assertEquals(0xFE, c.read().peek(), "EOF after columns");

            prepare(c, "ECHO ?");
            Payload second = c.read();
            assertEquals(0x00, second.readInt1());
            assertEquals(id + 1, second.readInt4(), "ids are not reused");
        }
    }

    @Test
    void executeDecodesEveryParameterType() throws IOException {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF)) {
            prepare(c, "ECHO ?,?,?,?,?,?,?,?,?,?,?,?,?");
            Payload ok = c.read();
            ok.readInt1();
            long id = ok.readInt4();
            for (int i = 0; i < 13 * 2; i++) c.read(); // parameter and column definitions, no EOFs
            Body b = executeHeader(id)
                    .int1(0).int1(0x10) // NULL bitmap: parameter 12 is NULL
                    .int1(1)
                    .int2(1).int2(2 | 0x8000).int2(3).int2(8 | 0x8000).int2(5).int2(4).int2(253).int2(252)
                    .int2(10).int2(12).int2(11).int2(246).int2(3);
            b.int1(0xFB);                                  // TINY -5
            b.int2(65535);                                 // SHORT unsigned
            b.int4(-2);                                    // LONG
            b.int8(-1);                                    // LONGLONG unsigned: 2^64-1
            b.int8(Double.doubleToLongBits(1.5));          // DOUBLE
            b.int4(Float.floatToIntBits(0.25f));           // FLOAT
            b.lenenc("héllo");                             // VAR_STRING
            b.lenenc(new byte[]{1, 2, (byte) 0xFF});        // BLOB
            b.int1(4).int2(2024).int1(2).int1(29);         // DATE
            b.int1(11).int2(2023).int1(12).int1(31).int1(23).int1(59).int1(58).int4(123456); // DATETIME
            b.int1(8).int1(1).int4(1).int1(2).int1(3).int1(4); // TIME -1 day 02:03:04
            b.lenenc("12.50");                             // NEWDECIMAL
            c.command(EXECUTE, b.bytes());
            List<Payload> rows = binaryRows(c);
            assertEquals(1, rows.size());
            Payload row = rows.get(0);
            assertEquals(0x00, row.readInt1());
            byte[] nulls = row.readBytes((13 + 9) / 8);
            assertEquals(1 << 6, nulls[1] & 0xFF, "only column 12 (bit 14) is NULL");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 12; i++) values.add(row.readLenencString());
            assertEquals(List.of("-5:Long", "65535:Long", "-2:Long", "18446744073709551615:BigInteger", "1.5:Double",
                    "0.25:Double", "héllo:String", "0102ff:byte[]", "2024-02-29:LocalDate",
                    "2023-12-31T23:59:58.123456:LocalDateTime", "PT-26H-3M-4S:Duration", "12.50:BigDecimal"), values);

            // Types stay bound: the next execution sends only values.
            Body again = executeHeader(id).int1(0xFF).int1(0x1F).int1(0); // everything NULL, no types
            c.command(EXECUTE, again.bytes());
            Payload nullRow = binaryRows(c).get(0);
            nullRow.readInt1();
            assertArrayEquals(new byte[]{(byte) 0xFC, 0x7F}, nullRow.readBytes(2), "bits 2..14");
            assertFalse(nullRow.hasRemaining());
        }
    }

    @Test
    void binaryRowsCarryFixedWidthNumbersAndTemporals() throws IOException {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF)) {
            prepare(c, "SELECT * FROM people");
            Payload ok = c.read();
            ok.readInt1();
            long id = ok.readInt4();
            for (int i = 0; i < 6; i++) c.read();
            c.command(EXECUTE, executeHeader(id).bytes());
            List<Payload> rows = binaryRows(c);
            assertEquals(3, rows.size());
            Payload ada = rows.get(0);
            assertEquals(0x00, ada.readInt1());
            assertArrayEquals(new byte[]{0}, ada.readBytes(1), "no NULLs (6 columns + 2 reserved bits fit one byte)");
            assertEquals(1, ada.readInt4(), "INT: 4 bytes");
            assertEquals("Ada", ada.readLenencString());
            assertEquals("12.50", ada.readLenencString(), "DECIMAL as text");
            assertEquals(4, ada.readInt1(), "DATE length");
            assertEquals(1815, ada.readInt2());
            assertEquals(12, ada.readInt1());
            assertEquals(10, ada.readInt1());
            assertArrayEquals(new byte[]{1, 2, (byte) 0xFB}, ada.readLenencBytes());
            assertEquals(0.5, Double.longBitsToDouble(ada.readInt8()));
            assertFalse(ada.hasRemaining());

            Payload grace = rows.get(1);
            grace.readInt1();
            assertEquals((1 << 4) | (1 << 6) | (1 << 7), grace.readInt1() & 0xFF, "score, photo, ratio are NULL");
            assertEquals(2, grace.readInt4());
            assertEquals("Grace Hopper ✓", grace.readLenencString());
            assertEquals(4, grace.readInt1());
            grace.skip(4);
            assertFalse(grace.hasRemaining());
        }
    }

    @Test
    void longDataIsUsedOnceThenTheValueInThePacket() throws IOException {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF)) {
            prepare(c, "ECHO ?");
            Payload ok = c.read();
            ok.readInt1();
            long id = ok.readInt4();
            c.read();
            c.read();
            c.command(LONG_DATA, concat(new Body().int4(id).int2(0).bytes(), "abc".getBytes(StandardCharsets.UTF_8)));
            c.command(LONG_DATA, concat(new Body().int4(id).int2(0).bytes(), "def".getBytes(StandardCharsets.UTF_8)));
            c.command(EXECUTE, executeHeader(id).int1(0).int1(1).int2(252).bytes());
            Payload row = binaryRows(c).get(0);
            row.readInt1();
            row.readInt1();
            assertEquals("616263646566:byte[]", row.readLenencString(), "two chunks, no reply to either");

            c.command(EXECUTE, executeHeader(id).int1(0).int1(1).int2(253).lenenc("inline").bytes());
            row = binaryRows(c).get(0);
            row.readInt1();
            row.readInt1();
            assertEquals("inline:String", row.readLenencString());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void unknownAndClosedStatementsAreErrors() throws IOException {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF)) {
            c.command(EXECUTE, executeHeader(99).bytes());
            Payload err = c.read();
            assertError(err, 1243, "HY000");
            assertEquals("Unknown prepared statement handler (99) given to mysqld_stmt_execute", err.readRestString());
            c.command(RESET, new Body().int4(99).bytes());
            assertError(c.read(), 1243, "HY000");

            prepare(c, "ECHO ?");
            Payload ok = c.read();
            ok.readInt1();
            long id = ok.readInt4();
            c.read();
            c.read();
            c.command(EXECUTE, executeHeader(id).int1(0).int1(0).bytes());
            assertError(c.read(), 1210, "HY000"); // types never bound
            c.command(FETCH, new Body().int4(id).int4(10).bytes());
            assertError(c.read(), 1421, "HY000");
            c.command(RESET, new Body().int4(id).bytes());
            assertEquals(0x00, c.read().peek());

            c.command(CLOSE, new Body().int4(id).bytes());
            c.command(CLOSE, new Body().int4(12345).bytes());
            c.command(PING, new byte[0]);
            assertEquals(0x00, c.read().peek(), "CLOSE answers nothing, even for an unknown id");
            c.command(EXECUTE, executeHeader(id).int1(0).int1(1).int2(253).lenenc("x").bytes());
            assertError(c.read(), 1243, "HY000");

            prepare(c, "no such statement");
            assertError(c.read(), 1064, "42000");
            c.command(PING, new byte[0]);
            assertEquals(0x00, c.read().peek(), "the connection survives a failed PREPARE");
        }
    }

    @Test
    void preparedStatementCountIsCappedServerWide() throws IOException {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF)) {
            int prepared = 0;
            Payload last = null;
            while (prepared <= MySqlServer.MAX_PREPARED_STATEMENTS) {
                prepare(c, "ECHO");
                Payload p = c.read();
                if (p.peek() != 0x00) {
                    last = new Payload(p.readRestBytes());
                    break;
                }
                prepared++;
            }
            assertNotNull(last, "the limit was never hit");
            assertTrue(prepared <= MySqlServer.MAX_PREPARED_STATEMENTS);
            assertError(last, 1461, "42000");
            c.command(CLOSE, new Body().int4(1).bytes());
            prepare(c, "ECHO");
            assertEquals(0x00, c.read().peek(), "closing one frees a slot");
        }
        // the connection's statements are released when it ends
        for (int i = 0; i < 500 && fixture.server.openPreparedStatements() > 0; i++) sleep();
        assertEquals(0, fixture.server.openPreparedStatements());
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
