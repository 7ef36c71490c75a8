package dev.basalt.pageserver;

import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asserts that two readers give the same answers at one LSN: every key's get, and some scans. */
final class Compare {

    private Compare() {}

    static void sameAt(PageReader expected, String expectedTimeline, PageReader actual, String actualTimeline,
                       long lsn, int keySpace) {
        sameAt(expected, expectedTimeline, lsn, actual, actualTimeline, lsn, keySpace);
    }

    /** The same at different LSNs of the two (a branch's LSN n is its flattened history's LSN point + n). */
    static void sameAt(PageReader expected, String expectedTimeline, long expectedLsn, PageReader actual, String actualTimeline,
                       long lsn, int keySpace) {
        for (int i = 0; i < keySpace; i++) {
            byte[] k = Workload.key(i);
            assertArrayEquals(expected.get(expectedTimeline, k, expectedLsn), actual.get(actualTimeline, k, lsn),
                    "get k" + i + " at LSN " + lsn);
        }
        byte[] lo = Workload.key(keySpace / 4), hi = Workload.key(keySpace * 3 / 4);
        for (boolean reverse : new boolean[] {false, true}) {
            sameRows(expected.scan(expectedTimeline, null, null, expectedLsn, reverse), actual.scan(actualTimeline, null, null, lsn, reverse),
                    "full scan at LSN " + lsn + (reverse ? " reverse" : ""));
            sameRows(expected.scan(expectedTimeline, lo, hi, expectedLsn, reverse), actual.scan(actualTimeline, lo, hi, lsn, reverse),
                    "range scan at LSN " + lsn + (reverse ? " reverse" : ""));
        }
        sameRows(expected.scan(expectedTimeline, null, lo, expectedLsn, false), actual.scan(actualTimeline, null, lo, lsn, false),
                "head scan at LSN " + lsn);
        sameRows(expected.scan(expectedTimeline, hi, null, expectedLsn, true), actual.scan(actualTimeline, hi, null, lsn, true),
                "tail scan at LSN " + lsn);
    }

    static void sameRows(Iterator<KeyValue> expected, Iterator<KeyValue> actual, String what) {
        List<String> e = rows(expected), a = rows(actual);
        assertEquals(e, a, what);
    }

    static List<String> rows(Iterator<KeyValue> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            KeyValue kv = it.next();
            out.add(new String(kv.key()) + "=" + new String(kv.value()));
        }
        return out;
    }
}
