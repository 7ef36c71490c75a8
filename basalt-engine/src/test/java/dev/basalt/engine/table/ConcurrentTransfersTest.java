package dev.basalt.engine.table;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;
import dev.basalt.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lost updates would break the invariant "the balances always sum to the same total":
 * first-committer-wins must reject every transfer that read a balance someone else changed.
 */
class ConcurrentTransfersTest {

    @Test
    void transfersPreserveTheTotalUnderContention() throws Exception {
        TestKvStore store = new TestKvStore();
        TransactionManager tm = new TransactionManager(store);
        Tables tables = new Tables();
        Catalog catalog = new Catalog(store, tables);
        Transaction setup = tm.begin();
        catalog.createDatabase(setup, DatabaseDef.of("bank"), false);
        TableDef def = catalog.createTable(setup, new TableDef(0, "bank", "acct",
                List.of(ColumnDef.of("id", SqlType.INT, false), ColumnDef.of("balance", SqlType.BIGINT, false)),
                List.of(new IndexDef(0, "PRIMARY", true, true, List.of(IndexPart.of(0)))), null), false);
        setup.commit();
        TableStore accounts = tables.store(def);
        int n = 8;
        Transaction fill = tm.begin();
        for (long i = 0; i < n; i++) accounts.insert(fill, new Object[] {i, 100L});
        fill.commit();

        AtomicInteger committed = new AtomicInteger(), conflicts = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            long seed = w;
            workers.add(Thread.ofVirtual().start(() -> {
                Random rnd = new Random(seed);
                for (int i = 0; i < 300; i++) {
                    long from = rnd.nextInt(n), to = (from + 1 + rnd.nextInt(n - 1)) % n;
                    Transaction t = tm.begin();
                    try {
                        Object[] a = accounts.get(t, from), b = accounts.get(t, to);
                        long amount = rnd.nextInt(10);
                        Thread.yield(); // widen the race window
                        accounts.update(t, a, new Object[] {a[0], (Long) a[1] - amount});
                        accounts.update(t, b, new Object[] {b[0], (Long) b[1] + amount});
                        t.commit();
                        committed.incrementAndGet();
                    } catch (SqlException e) {
                        if (e.errorCode() == 1213) conflicts.incrementAndGet();
                        else errors.add(e);
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        t.rollback();
                    }
                }
            }));
        }
        for (Thread th : workers) th.join();
        assertEquals(List.of(), errors);
        long total = 0;
        Transaction r = tm.begin(true);
        try (RowIterator it = accounts.scan(r, false)) {
            for (Object[] row = it.next(); row != null; row = it.next()) total += (Long) row[1];
        }
        r.rollback();
        assertEquals(100L * n, total);
        assertEquals(1200, committed.get() + conflicts.get());
        assertTrue(committed.get() > 0);
        assertEquals(0, tm.activeCount());
        assertEquals(0, store.openSnapshots());
    }
}
