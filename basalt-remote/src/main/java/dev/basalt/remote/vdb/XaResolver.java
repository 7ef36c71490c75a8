package dev.basalt.remote.vdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Finishes the distributed transactions the {@link XaCoordinatorLog} lists as unfinished: at
 * start-up those a crash left behind, later those whose server was unreachable at the second
 * phase. A committed entry's participants get {@code XA COMMIT}, any other's {@code XA ROLLBACK}
 * (presumed abort: nothing was committed anywhere before the decision was forced to the log).
 * XAER_NOTA (1397, unknown XID) means the participant already ended (it was never prepared, its
 * connection's end rolled it back, or an earlier attempt finished it). Runs on one daemon thread,
 * again every {@link #RETRY_MILLIS} while something is left (a server down, or a database not
 * known yet).
 */
final class XaResolver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(XaResolver.class.getName());
    static final long RETRY_MILLIS = 5_000;
    private static final int XAER_NOTA = 1397;

    private final XaCoordinatorLog log;
    /** The pool of a participant's database ({@code VdbSpec.serverKey}), or null when none is known. */
    private final Function<String, RemotePool> pools;
    private final Object wake = new Object();
    private boolean kicked;
    private volatile boolean closed;
    private Thread thread;

    XaResolver(XaCoordinatorLog log, Function<String, RemotePool> pools) {
        this.log = log;
        this.pools = pools;
        log.onUnfinished(this::kick);
    }

    /** Starts the thread (once); it begins with a pass over the log. */
    synchronized void start() {
        if (thread != null) return;
        thread = Thread.ofPlatform().daemon().name("basalt-xa-resolver").start(this::loop);
    }

    void kick() {
        synchronized (wake) {
            kicked = true;
            wake.notifyAll();
        }
        start();
    }

    private void loop() {
        while (!closed) {
            boolean left = passOnce();
            synchronized (wake) {
                if (!kicked && !closed) {
                    try {
                        wake.wait(left ? RETRY_MILLIS : 0);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                kicked = false;
            }
        }
    }

    /** One attempt on every unfinished entry; true when some are still left. */
    boolean passOnce() {
        boolean left = false;
        for (XaCoordinatorLog.Pending p : log.unfinished()) {
            if (closed) return false;
            if (!attempt(p)) left = true;
        }
        log.forgetDecisions(true);
        return left;
    }

    /**
     * Tries now to finish the unfinished entries with a participant on {@code serverKey}; returns
     * the XA identifiers there still in doubt (DROP DATABASE of its last virtual database is refused then).
     */
    java.util.List<String> finishOn(String serverKey) {
        java.util.List<String> left = new java.util.ArrayList<>();
        for (XaCoordinatorLog.Pending p : log.unfinished()) {
            boolean involved = p.participants.stream().anyMatch(x -> x.serverKey().equals(serverKey));
            if (!involved || attempt(p)) continue;
            for (var x : p.participants) if (x.serverKey().equals(serverKey) && !isDone(x)) left.add(x.xid());
        }
        return left;
    }

    private boolean isDone(XaCoordinatorLog.Participant x) {
        synchronized (attempting) {
            return done.contains(x);
        }
    }

    /** Held while an entry is being finished (not the resolver itself: {@link #kick} must not wait for a remote). */
    private final Object attempting = new Object();

    /** One attempt on {@code p} (one at a time: a DROP DATABASE and the resolver's thread may both try). */
    private boolean attempt(XaCoordinatorLog.Pending p) {
        synchronized (attempting) {
            if (p.local && !p.committed && !settle(p)) return false;
            if (!finish(p)) return false;
            log.resolved(p);
            return true;
        }
    }

    /** Participants finished, of entries not finished yet; and those whose database is unknown (warned once). */
    private final Set<XaCoordinatorLog.Participant> done = new HashSet<>(), warned = new HashSet<>();

    /**
     * A local entry's outcome, read from the local store (and made final there when its commit did
     * not land): committed entries are then committed here, the others rolled back. False when the
     * store could not tell (retried).
     */
    private boolean settle(XaCoordinatorLog.Pending p) {
        var decisions = log.localDecisions();
        try {
            if (decisions == null) throw new IllegalStateException("the local store is not open");
            if (decisions.settle(p.gid)) log.settledCommitted(p);
            return true;
        } catch (RuntimeException e) {
            if (warnedLocal.add(p.gid)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: its local commit cannot be read, retrying every {1} ms: {2}",
                        p.gid, RETRY_MILLIS, e.getMessage());
            }
            return false;
        }
    }

    private final Set<String> warnedLocal = new HashSet<>();

    /** True when every participant of {@code p} is now committed or rolled back. */
    private boolean finish(XaCoordinatorLog.Pending p) {
        boolean all = true;
        for (XaCoordinatorLog.Participant x : p.participants) {
            if (done.contains(x)) continue;
            RemotePool pool = pools.apply(x.serverKey());
            if (pool == null) {
                if (warned.add(x)) {
                    LOG.log(System.Logger.Level.WARNING, "XA {0} of {1} in doubt: no virtual database of {2} is defined",
                            x.xid(), p.gid, x.serverKey());
                }
                all = false;
                continue;
            }
            String sql = (p.committed ? "XA COMMIT '" : "XA ROLLBACK '") + x.xid() + "'";
            try (Connection c = pool.borrow(); Statement st = c.createStatement()) {
                st.execute(sql);
                done.add(x);
                LOG.log(System.Logger.Level.INFO, "{0} ({1}, after a failure of its coordinator)", sql, x.serverKey());
            } catch (SQLException e) {
                if (e.getErrorCode() == XAER_NOTA) {
                    done.add(x);
                } else {
                    all = false;
                    if (warned.add(x)) {
                        LOG.log(System.Logger.Level.WARNING, "{0} on {1} failed, retrying every {2} ms: {3}", sql,
                                x.serverKey(), RETRY_MILLIS, e.getMessage());
                    }
                }
            } catch (RuntimeException e) { // 1429: the server is unreachable
                all = false;
                if (warned.add(x)) {
                    LOG.log(System.Logger.Level.WARNING, "{0} on {1} failed, retrying every {2} ms: {3}", sql,
                            x.serverKey(), RETRY_MILLIS, e.getMessage());
                }
            }
        }
        if (all) {
            done.removeAll(p.participants);
            warned.removeAll(p.participants);
        }
        return all;
    }

    @Override public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
