package dev.basalt.engine.session;

import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.TwoPhaseLog;

import java.util.List;

/**
 * COMMIT of a transaction's external parts. One participant commits as it is; several (one per
 * remote database written, each supporting it) go through two-phase commit: every one is prepared
 * first, and only when all promised to commit are they committed, so either all of the writes
 * become visible or none do. When the participants share a {@link TwoPhaseLog}, the participants
 * are logged before the first prepare and the decision before the first commit, so a crash of this
 * server in between is resolved when it restarts.
 */
final class ExternalCommit {
    private ExternalCommit() {}

    static void commit(List<ExternalTransaction> participants) {
        if (participants.isEmpty()) return;
        if (participants.size() == 1) {
            participants.getFirst().commit();
            return;
        }
        TwoPhaseLog log = sharedLog(participants);
        TwoPhaseLog.Entry entry;
        try {
            entry = log == null ? null : log.preparing(participants);
        } catch (RuntimeException e) {
            rollbackAll(participants, null);
            throw e;
        }
        for (ExternalTransaction x : participants) {
            try {
                x.prepare();
            } catch (RuntimeException e) {
                // one cannot commit: none may (prepared ones are rolled back too)
                rollbackAll(participants, entry);
                throw e;
            }
        }
        if (entry != null) {
            try {
                entry.decideCommit();
            } catch (RuntimeException e) {
                // the decision is not durable: a restart would roll back, so roll back now
                rollbackAll(participants, entry);
                throw e;
            }
        }
        // all promised: commit each; a failure here leaves that one prepared on its server (the
        // provider finishes it from its log, or says how to), the others are committed regardless
        RuntimeException first = null;
        for (ExternalTransaction x : participants) {
            try {
                x.commit();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (entry != null) entry.finished();
        if (first != null) throw first;
    }

    /**
     * COMMIT of a transaction that wrote local tables and external ones: the external participants
     * are prepared, then the local transaction commits as the decision (the log's
     * {@link TwoPhaseLog#preparingWithLocal}), then they commit. Needs a log that
     * {@link TwoPhaseLog#acceptsLocal accepts} it ({@link #acceptsLocal}).
     */
    static void commitWithLocal(dev.basalt.engine.txn.Transaction local, List<ExternalTransaction> participants) {
        if (!acceptsLocal(participants)) {
            // a write path that did not ask SessionTransaction.checkLocalWrite: never half a commit
            local.rollback();
            rollbackAll(participants, null);
            throw new dev.basalt.engine.api.SqlException(dev.basalt.engine.api.ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a transaction writing to local tables and to remote databases without two-phase commit;"
                    + " it was rolled back");
        }
        TwoPhaseLog.Entry entry;
        try {
            entry = sharedLog(participants).preparingWithLocal(participants);
        } catch (RuntimeException e) {
            local.rollback();
            rollbackAll(participants, null);
            throw e;
        }
        for (ExternalTransaction x : participants) {
            try {
                x.prepare();
            } catch (RuntimeException e) {
                local.rollback();
                rollbackAll(participants, entry);
                throw e;
            }
        }
        TwoPhaseLog.LocalCommit decided = entry.decideByLocalCommit(local);
        switch (decided.outcome()) {
            case ROLLED_BACK -> {
                rollbackAll(participants, entry);
                throw decided.error();
            }
            case IN_DOUBT -> {
                entry.finished(); // nobody ended: the log's resolver settles and finishes them
                throw decided.error();
            }
            case COMMITTED -> { }
        }
        RuntimeException first = decided.error(); // landed though its wait was stopped: still reported
        for (ExternalTransaction x : participants) {
            try {
                x.commit();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        entry.finished();
        if (first != null) throw first;
    }

    /** True when these participants may commit together with local writes (one log that accepts it, all two-phase). */
    static boolean acceptsLocal(java.util.Collection<ExternalTransaction> participants) {
        if (participants.isEmpty()) return true;
        List<ExternalTransaction> xs = List.copyOf(participants);
        for (ExternalTransaction x : xs) if (!x.twoPhase()) return false;
        TwoPhaseLog log = sharedLog(xs);
        return log != null && log.acceptsLocal();
    }

    private static void rollbackAll(List<ExternalTransaction> participants, TwoPhaseLog.Entry entry) {
        for (ExternalTransaction y : participants) y.rollback();
        if (entry != null) entry.finished();
    }

    /** The log every participant names, or null when one has none or they differ. */
    private static TwoPhaseLog sharedLog(List<ExternalTransaction> participants) {
        TwoPhaseLog log = participants.getFirst().twoPhaseLog();
        for (ExternalTransaction x : participants) {
            if (log == null || x.twoPhaseLog() != log) return null;
        }
        return log;
    }
}
