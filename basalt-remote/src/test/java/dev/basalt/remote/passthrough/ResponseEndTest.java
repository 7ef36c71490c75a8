package dev.basalt.remote.passthrough;

import dev.basalt.mysql.protocol.ServerStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event loop's end-of-response finder, fed whole responses and the same bytes one at a time. */
class ResponseEndTest {
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT, MORE = ServerStatus.MORE_RESULTS_EXISTS;

    @Test
    void okEndsWithItsStatus() {
        byte[] r = frames(ok(AUTOCOMMIT));
        assertEnds(r, false, AUTOCOMMIT);
        assertEnds(r, true, AUTOCOMMIT);
    }

    @Test
    void errEndsFailed() {
        assertEnds(frames(err()), true, ResponseRelay.FAILED);
    }

    @Test
    void resultSetWithClassicEofs() {
        byte[] r = frames(new byte[] {2}, column(), column(), eof(AUTOCOMMIT), row("a"), row("b"), eof(AUTOCOMMIT | 1));
        assertEnds(r, false, AUTOCOMMIT | 1);
    }

    @Test
    void resultSetWithDeprecateEof() {
        byte[] r = frames(new byte[] {1}, column(), row("x"), okAsEof(AUTOCOMMIT));
        assertEnds(r, true, AUTOCOMMIT);
    }

    @Test
    void moreResultsChain() {
        byte[] r = frames(ok(AUTOCOMMIT | MORE), new byte[] {1}, column(), eof(AUTOCOMMIT), row("1"), eof(AUTOCOMMIT | MORE), ok(AUTOCOMMIT));
        assertEnds(r, false, AUTOCOMMIT);
    }

    @Test
    void anErrInTheRowsEndsIt() {
        assertEnds(frames(new byte[] {1}, column(), row("1"), err()), true, ResponseRelay.FAILED);
    }

    /** A row starting with 0xFE (a long string's length) is a row, not the end. */
    @Test
    void aRowStartingWithFeIsNotTheEnd() {
        byte[] longRow = new byte[20];
        longRow[0] = (byte) 0xFE;
        byte[] r = frames(new byte[] {1}, column(), longRow, okAsEof(AUTOCOMMIT));
        assertEnds(r, false, AUTOCOMMIT);
        ResponseEnd e = new ResponseEnd(false);
        e.reset();
        byte[] partial = frames(new byte[] {1}, column(), eof(0), longRow);
        e.feed(partial, 0, partial.length);
        assertFalse(e.done());
    }

    @Test
    void localInfileIsNotForTheLoop() {
        ResponseEnd e = new ResponseEnd(true);
        e.reset();
        byte[] r = frames(new byte[] {(byte) 0xFB, 'f'});
        e.feed(r, 0, r.length);
        assertTrue(e.unsupported());
    }

    /** Fed whole and byte by byte: ends exactly at the last byte, with {@code status}. */
    private static void assertEnds(byte[] response, boolean deprecateEof, int status) {
        ResponseEnd whole = new ResponseEnd(deprecateEof);
        whole.reset();
        byte[] padded = java.util.Arrays.copyOf(response, response.length + 3); // bytes past the end are not taken
        assertEquals(response.length, whole.feed(padded, 0, padded.length));
        assertTrue(whole.done());
        assertEquals(status, whole.status());
        ResponseEnd bytewise = new ResponseEnd(deprecateEof);
        bytewise.reset();
        for (int i = 0; i < response.length; i++) {
            assertFalse(bytewise.done(), "ended early at byte " + i);
            assertEquals(1, bytewise.feed(response, i, 1));
        }
        assertTrue(bytewise.done());
        assertEquals(status, bytewise.status());
    }

    private static byte[] frames(byte[]... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seq = 1;
        for (byte[] p : payloads) {
            out.write(p.length);
            out.write(p.length >>> 8);
            out.write(p.length >>> 16);
            out.write(seq++);
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ok(int status) { return new byte[] {0, 0, 0, (byte) status, (byte) (status >>> 8), 0, 0}; }

    private static byte[] okAsEof(int status) { return new byte[] {(byte) 0xFE, 0, 0, (byte) status, (byte) (status >>> 8), 0, 0}; }

    private static byte[] eof(int status) { return new byte[] {(byte) 0xFE, 0, 0, (byte) status, (byte) (status >>> 8)}; }

    private static byte[] err() { return new byte[] {(byte) 0xFF, 0x7A, 0x04, '#', '4', '2', 'S', '0', '2', 'x'}; }

    private static byte[] column() { return new byte[] {3, 'd', 'e', 'f', 0, 0, 0, 1, 'c', 1, 'c', 0x0c}; }

    private static byte[] row(String v) {
        byte[] b = new byte[1 + v.length()];
        b[0] = (byte) v.length();
        for (int i = 0; i < v.length(); i++) b[1 + i] = (byte) v.charAt(i);
        return b;
    }
}
