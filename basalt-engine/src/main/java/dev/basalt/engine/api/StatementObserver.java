package dev.basalt.engine.api;

/**
 * Hears of every client statement of every protocol when it ends, for latency and error metrics
 * kept outside the engine (the HTTP module's /metrics). Called on the session's thread, so an
 * observer must be cheap and must not throw.
 */
@FunctionalInterface
public interface StatementObserver {

    /**
     * A client statement ended: {@code nanos} from its start to its last row (a streamed result
     * ends when its cursor is exhausted or closed); {@code errorCode} is the MySQL error number it
     * failed with, 0 when it succeeded.
     */
    void statementEnded(long nanos, int errorCode);
}
