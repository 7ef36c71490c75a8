package dev.basalt.engine.external;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The local store's vote in a two-phase commit with external transactions ("last resource"): the
 * local transaction is committed after every external one is prepared, with one more key in it,
 * {@code 0x00 'X' | id -> 'c'}. That local commit is the decision: if the key is in the store, the
 * distributed transaction committed; if it is not, it never will, once {@link #settle} has written
 * {@code 'a'} under the same key (a local commit still in flight then loses that key's write
 * conflict, 1213, and rolls back). So the local store needs no prepared state of its own, and a
 * crash anywhere leaves an outcome both sides agree on.
 */
public final class LocalDecisions {
    static final byte META_XA_DECISION = 'X';
    private static final byte[] COMMITTED = {'c'}, ABORTED = {'a'};
    private static final int SETTLE_ATTEMPTS = 50;

    private final TransactionManager transactions;

    public LocalDecisions(TransactionManager transactions) { this.transactions = transactions; }

    static byte[] key(String id) { return Keyspace.metaKey(META_XA_DECISION, id); }

    /**
     * Commits {@code local} with the decision {@code id} in it. Throws as {@link Transaction#commit}
     * does; the outcome is then unknown until {@link #settle} (a KILL while the store waited may
     * still land the commit).
     */
    public void commitWith(Transaction local, String id) {
        local.put(key(id), COMMITTED);
        local.commit();
    }

    /**
     * The final outcome of {@code id}: true when its local commit landed, false when it did not and
     * now never will. Throws when the store cannot be written (the caller retries later).
     */
    public boolean settle(String id) {
        byte[] key = key(id);
        SqlException last = null;
        for (int i = 0; i < SETTLE_ATTEMPTS; i++) {
            Transaction t = transactions.begin();
            try {
                byte[] v = t.getCurrent(key); // waits for the row lock of a commit still in flight
                if (v != null) {
                    t.rollback();
                    return v[0] == COMMITTED[0];
                }
                t.put(key, ABORTED);
                t.commit();
                return false;
            } catch (SqlException e) {
                t.rollback();
                if (e.errorCode() != 1213) throw e; // the commit in flight landed first: read again
                last = e;
            }
        }
        throw last;
    }

    /** Forgets decisions every participant has acted on (one local commit for all of them). */
    public void forget(Collection<String> ids) {
        if (ids.isEmpty()) return;
        Transaction t = transactions.begin();
        try {
            for (String id : ids) t.delete(key(id));
            t.commit();
        } catch (RuntimeException e) {
            t.rollback();
            throw e;
        }
    }

    /** The ids of every decision the store holds (at start-up: those no coordinator log entry names are forgotten). */
    public List<String> all() {
        byte[] prefix = Keyspace.metaPrefix(META_XA_DECISION);
        List<String> out = new ArrayList<>();
        Transaction t = transactions.begin(true);
        try (var c = t.scan(prefix, Keyspace.prefixSuccessor(prefix))) {
            while (c.next()) out.add(new String(c.key(), 2, c.key().length - 2, StandardCharsets.UTF_8));
        } finally {
            t.rollback();
        }
        return out;
    }
}
