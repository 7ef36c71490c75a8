package dev.basalt.engine.session;

import dev.basalt.engine.external.ExternalTransaction;

import java.util.List;

/**
 * COMMIT of a transaction's external parts. One participant commits as it is; several (one per
 * remote server written, each supporting it) go through two-phase commit: every one is prepared
 * first, and only when all promised to commit are they committed, so either all of the writes
 * become visible or none do.
 */
final class ExternalCommit {
    private ExternalCommit() {}

    static void commit(List<ExternalTransaction> participants) {
        if (participants.isEmpty()) return;
        if (participants.size() == 1) {
            participants.getFirst().commit();
            return;
        }
        for (ExternalTransaction x : participants) {
            try {
                x.prepare();
            } catch (RuntimeException e) {
                // one cannot commit: none may (prepared ones are rolled back too)
                for (ExternalTransaction y : participants) y.rollback();
                throw e;
            }
        }
        // all promised: commit each; a failure here leaves that one prepared on its server (the
        // provider says how to finish it), the others are committed regardless
        RuntimeException first = null;
        for (ExternalTransaction x : participants) {
            try {
                x.commit();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
