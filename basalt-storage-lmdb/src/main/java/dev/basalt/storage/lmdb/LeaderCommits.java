package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Durability#WAL} mode's commit path: the first session to arrive at commit becomes the
 * leader, logs the whole group of commits waiting at that moment on its own thread (one O_DSYNC
 * write, see {@link GroupCommitWriter#logAsLeader}) and answers them; the others wait parked.
 * When it is done it hands the lead to the oldest commit that arrived meanwhile, or ends it.
 *
 * <p>Why: through the writer thread every commit passed between threads twice (session to
 * writer, writer back to session), each a wake-up waiting for a CPU on a busy machine. Here an
 * uncontended commit is not handed over at all, and under contention every waiting session is
 * woken exactly once, either answered or as the next leader. Durability is unchanged: a commit
 * is answered only after the record of its group was written synchronously, by the same code.
 *
 * <p>Invariant (under {@code lock}): {@code pending} is empty unless {@code leading}; the leader
 * is the first of {@code pending} when it takes the group, so its own commit is always in it.
 */
final class LeaderCommits {

    private final GroupCommitWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<GroupCommitWriter.Commit> pending = new ArrayDeque<>();
    private boolean leading;
    /** Size of the group the leader is logging (under {@code lock}), for {@link #waiting}. */
    private int inGroup;

    LeaderCommits(GroupCommitWriter writer) {
        this.writer = writer;
    }

    /** Commits {@code batch} (WAL mode) and returns its sequence once it is durable. */
    long commit(WriteBatch batch, CommitValidator validator) {
        GroupCommitWriter.Commit me = new GroupCommitWriter.Commit(batch, validator, Thread.currentThread());
        boolean lead;
        lock.lock();
        try {
            pending.addLast(me);
            lead = !leading;
            leading = true;
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
            return pending.size() + inGroup;
        } finally {
            lock.unlock();
        }
    }

    /** Parks until the commit is answered (false) or made the leader (true); interrupts are kept for later. */
    private static boolean awaitTurn(GroupCommitWriter.Commit me) {
        boolean interrupted = false;
        while (!me.done().isDone() && !me.leads()) {
            LockSupport.park(me);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
        return !me.done().isDone();
    }

    private void lead() {
        List<GroupCommitWriter.Commit> group = new ArrayList<>();
        try {
            lock.lock();
            try {
                while (group.size() < GroupCommitWriter.MAX_GROUP && !pending.isEmpty()) group.add(pending.pollFirst());
                inGroup = group.size();
            } finally {
                lock.unlock();
            }
            writer.logAsLeader(group);
        } catch (Throwable t) {
            for (GroupCommitWriter.Commit c : group) c.reject(t); // no effect on those already answered
            throw t;
        } finally {
            handOff();
        }
    }

    private void handOff() {
        GroupCommitWriter.Commit next;
        lock.lock();
        try {
            inGroup = 0;
            next = pending.peekFirst();
            if (next == null) leading = false;
            else next.makeLeader();
        } finally {
            lock.unlock();
        }
        if (next != null) LockSupport.unpark(next.waiter());
    }
}
