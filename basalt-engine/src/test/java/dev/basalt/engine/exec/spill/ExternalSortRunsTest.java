package dev.basalt.engine.exec.spill;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sort whose budget the rest of the statement holds writes a run per row: the runs are merged
 * by size class as they come, so the files open at once stay few (each holds a buffer and a
 * descriptor), and the merged order is still the stable sorted order.
 */
class ExternalSortRunsTest {

    @TempDir
    Path dir;
    private Path before;

    @BeforeEach
    void useTempDir() {
        before = SpillFile.directory();
        SpillFile.setDirectory(dir);
    }

    @AfterEach
    void restore() {
        SpillFile.setDirectory(before);
    }

    @Test
    void oneRowRunsStayFewFilesAndMergeStably() throws IOException {
        Comparator<Object[]> byKey = Comparator.comparing(r -> (Long) r[0]);
        ExternalSort.Runs runs = new ExternalSort.Runs(byKey);
        int n = 20_000, mostFiles = 0;
        for (int i = 0; i < n; i++) {
            // keys repeat (i % 100) so that stability shows: equal keys must keep arrival order
            runs.add(ExternalSort.writeRun(List.<Object[]>of(new Object[] {(long) (i * 37 % 100), (long) i})));
            if (i % 1000 == 999) mostFiles = Math.max(mostFiles, files());
        }
        assertTrue(mostFiles <= 3 * ExternalSort.FAN_IN, "files open at once: " + mostFiles);
        List<Object[]> out = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(runs.release(), byKey)) {
            Object[] r;
            while ((r = sort.next()) != null) out.add(r);
        }
        assertEquals(n, out.size());
        for (int i = 1; i < n; i++) {
            Object[] a = out.get(i - 1), b = out.get(i);
            int c = Long.compare((Long) a[0], (Long) b[0]);
            assertTrue(c < 0 || c == 0 && (Long) a[1] < (Long) b[1], "row " + i + " out of order");
        }
        assertEquals(0, files(), "every run deleted");
    }

    private int files() throws IOException {
        try (var s = Files.list(dir)) {
            return (int) s.count();
        }
    }
}
