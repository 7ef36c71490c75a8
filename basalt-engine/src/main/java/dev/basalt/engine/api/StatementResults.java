package dev.basalt.engine.api;

/**
 * The results of one {@link Session#execute} call, one per statement, produced lazily: a
 * statement runs when {@link #next()} is called, after the previous result has been consumed.
 */
public interface StatementResults {

    /** True if another statement remains (the protocol sets SERVER_MORE_RESULTS_EXISTS). */
    boolean hasNext();

    /** Runs the next statement. Throws {@link SqlException} when it fails; nothing runs after that. */
    Result next();
}
