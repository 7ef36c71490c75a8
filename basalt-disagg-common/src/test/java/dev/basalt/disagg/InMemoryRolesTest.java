package dev.basalt.disagg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRolesTest {

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String s(byte[] b) { return b == null ? null : new String(b, StandardCharsets.UTF_8); }

    @Test
    void commitRecordRoundTripsAndRefusesGarbage() {
        CommitRecord r = new CommitRecord(123, List.of(new Mutation(b("k"), b("v")), new Mutation(b("gone"), null)));
        CommitRecord back = CommitRecord.decode(r.encode());
        assertEquals(123, back.commitTimeMicros());
        assertEquals("v", s(back.mutations().get(0).value()));
        assertTrue(back.mutations().get(1).isDelete());
        assertThrows(IllegalArgumentException.class, () -> CommitRecord.decode(new byte[] {9, 1, 2}));
        byte[] truncated = java.util.Arrays.copyOf(r.encode(), 15);
        assertThrows(IllegalArgumentException.class, () -> CommitRecord.decode(truncated));
    }

    @Test
    void readsSeeTheStateAtTheirLsn() {
        InMemoryWalLog log = new InMemoryWalLog();
        long first = log.append(new CommitRecord(1, List.of(new Mutation(b("a"), b("1")), new Mutation(b("b"), b("1")))).encode());
        long second = log.append(new CommitRecord(2, List.of(new Mutation(b("a"), b("2")), new Mutation(b("b"), null))).encode());
        InMemoryPageReader pages = new InMemoryPageReader(log);
        assertEquals("1", s(pages.get("main", b("a"), first)));
        assertEquals("2", s(pages.get("main", b("a"), second)));
        assertEquals("1", s(pages.get("main", b("b"), first)));
        assertNull(pages.get("main", b("b"), second));
        List<String> keys = new ArrayList<>();
        for (Iterator<KeyValue> it = pages.scan("main", null, null, first, true); it.hasNext(); ) keys.add(s(it.next().key()));
        assertEquals(List.of("b", "a"), keys);
        assertEquals(second, pages.appliedLsn("main"));
    }

    @Test
    void aFencedWriterCannotAppend() {
        InMemoryWalLog log = new InMemoryWalLog();
        log.append(new byte[] {1});
        log.fence();
        WalException e = assertThrows(WalException.class, () -> log.append(new byte[] {2}));
        assertTrue(e.fenced());
        assertEquals(1, log.committedLsn());
    }
}
