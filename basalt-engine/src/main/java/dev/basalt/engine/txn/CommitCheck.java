package dev.basalt.engine.txn;

/**
 * Extra validation run on the store's serialized commit path after the conflict check (see
 * {@link Transaction#onValidate}). Throw to reject the commit. {@link #undo()} is called when the
 * commit is not applied after this check passed (a later check failed, the store failed, or the
 * store retries and validates again).
 */
public interface CommitCheck {
    void validate(long sequence);

    default void undo() { }
}
