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
