package dev.basalt.engine.storage.kv;

import dev.basalt.engine.api.SqlException;
import java.util.concurrent.CompletionStage;

/**
 * Thrown by {@link KvStore#commit} when the committer stopped waiting (KILL QUERY, KILL CONNECTION or
 * the statement's deadline) after the batch was validated and handed on, before its outcome was known:
 * a store whose commit waits on other machines (a quorum of log nodes) cannot take it back at that
 * point. The commit goes on in the store; {@link #outcome()} completes with its sequence once it is
 * durable and visible, or exceptionally once the store knows it never will be.
 *
 * <p>The engine answers the statement with {@link #reason()} (1317 or 3024) and keeps the commit's
 * conflict record until the outcome is known, so a commit that lands after its client gave up is never
 * overwritten from a stale snapshot.
 */
public final class CommitWaitStopped extends StorageException {
    private final transient SqlException reason;
    private final transient CompletionStage<Long> outcome;

    public CommitWaitStopped(SqlException reason, CompletionStage<Long> outcome) {
        super(Kind.OTHER, reason.getMessage() + " (the commit's outcome was not known yet; it completes in the background)");
        this.reason = reason;
        this.outcome = outcome;
    }

    /** The error the statement fails with: 1317, or 3024 for the deadline. */
    public SqlException reason() { return reason; }

    public CompletionStage<Long> outcome() { return outcome; }
}
