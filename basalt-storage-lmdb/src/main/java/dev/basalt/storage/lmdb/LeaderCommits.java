package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Durability#WAL} mode's commit path: a session that arrives at commit while fewer than
 * {@link #MAX_LEADERS} groups are being logged becomes a leader, logs the whole group of commits
 * waiting at that moment on its own thread (one O_DSYNC write, see {@link GroupCommitWriter#logAsLeader})
 * and answers them; the others wait parked. When it is done it hands the lead to the oldest commit
 * that arrived meanwhile, or ends it.
 *
 * <p>Why: through the writer thread every commit passed between threads twice (session to
 * writer, writer back to session), each a wake-up waiting for a CPU on a busy machine. Here an
 * uncontended commit is not handed over at all, and under contention every waiting session is
 * woken once or twice (answered, or as the next leader). Several leaders at once: their records'
 * O_DSYNC writes overlap (the device's cache flushes are shared), where one leader at a time left
 * the disk idle between a write's end and the next leader's start and made every commit that
 * arrived during a write wait for that write and then its own. Durability is unchanged: a commit
 * is answered only after the record of its group and of every group before it were written
 * synchronously.
 *
 * <p>Invariant (under {@code lock}): {@code pending} is empty unless {@code leaders} is
 * {@link #MAX_LEADERS} or a promoted commit has not taken its group yet. A promoted commit may
 * find its own commit taken by another leader's group (even answered): it still leads once, so
 * that {@code leaders} is given back.
 */
final class LeaderCommits {

    /** Groups logged at the same time; measured with sysbench write_only, 8 clients (docs/benchmarks.md). */
    static final int MAX_LEADERS = Integer.getInteger("basalt.wal.leaders", 2);

    private final GroupCommitWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<GroupCommitWriter.Commit> pending = new ArrayDeque<>();
    private final int maxLeaders;
    private int leaders;
    /** Commits in the groups being logged (under {@code lock}), for {@link #waiting}. */
    private int inGroups;

    LeaderCommits(GroupCommitWriter writer) {
        this(writer, MAX_LEADERS);
    }

    LeaderCommits(GroupCommitWriter writer, int maxLeaders) {
        this.writer = writer;
        this.maxLeaders = maxLeaders;
    }

    /** Commits {@code batch} (WAL mode) and returns its sequence once it is durable. */
    long commit(WriteBatch batch, CommitValidator validator) {
        GroupCommitWriter.Commit me = new GroupCommitWriter.Commit(batch, validator, Thread.currentThread());
        boolean lead;
        lock.lock();
        try {
            pending.addLast(me);
            lead = leaders < maxLeaders;
            if (lead) {
                leaders++;
                me.makeLeader(); // so that a hand-off meanwhile does not promote it a second time
            }
        } finally {
            lock.unlock();
        }
        if (lead || awaitTurn(me)) lead();
        return GroupCommitWriter.await(me.done());
    }

    /** Commits not answered yet: waiting for a leader or in the group being logged (a gauge). */
    int waiting() {
        lock.lock();
        try {
            return pending.size() + inGroups;
        } finally {
            lock.unlock();
        }
    }

    /** Sessions logging a group right now (a test hook: every lead is given back). */
    int active() {
        lock.lock();
        try {
            return leaders;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks until the commit is answered or made a leader; returns whether it was made a leader
     * (then it must lead, even if another leader's group already answered it: its promotion
     * counts in {@code leaders}, and a promotion happens before the commit can leave pending, so
     * an answered commit sees it). Interrupts are kept for later.
     */
    private static boolean awaitTurn(GroupCommitWriter.Commit me) {
        boolean interrupted = false;
        while (!me.done().isDone() && !me.leads()) {
            LockSupport.park(me);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
        return me.leads();
    }

    private void lead() {
        List<GroupCommitWriter.Commit> group = new ArrayList<>();
        try {
            lock.lock();
            try {
                while (group.size() < GroupCommitWriter.MAX_GROUP && !pending.isEmpty()) group.add(pending.pollFirst());
                inGroups += group.size();
            } finally {
                lock.unlock();
            }
            writer.logAsLeader(group);
        } catch (Throwable t) {
            for (GroupCommitWriter.Commit c : group) c.reject(t); // no effect on those already answered
            throw t;
        } finally {
            handOff(group.size());
        }
    }

    private void handOff(int logged) {
        GroupCommitWriter.Commit next;
        lock.lock();
        try {
            inGroups -= logged;
            next = pending.peekFirst();
            if (next == null || next.leads()) {
                leaders--;
                next = null;
            } else {
                next.makeLeader(); // takes over this leader's count
            }
        } finally {
            lock.unlock();
        }
        if (next != null) LockSupport.unpark(next.waiter());
    }
}
