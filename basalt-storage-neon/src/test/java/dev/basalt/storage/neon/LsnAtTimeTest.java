package dev.basalt.storage.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.InMemoryWalLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsnAtTimeTest {

    @Test
    void findsTheNewestCommitAtOrBeforeAMoment() {
        InMemoryWalLog log = new InMemoryWalLog();
        assertEquals(0, LsnAtTime.find(log, 1_000));
        for (long t : new long[] {100, 200, 200, 300, 450}) log.append(new CommitRecord(t, List.of()).encode());
        assertEquals(0, LsnAtTime.find(log, 99));
        assertEquals(1, LsnAtTime.find(log, 100));
        assertEquals(1, LsnAtTime.find(log, 199));
        assertEquals(3, LsnAtTime.find(log, 200));
        assertEquals(4, LsnAtTime.find(log, 449));
        assertEquals(5, LsnAtTime.find(log, 10_000));
    }
}
