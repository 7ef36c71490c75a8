package dev.basalt.engine.external;

/**
 * A transaction pinned to one connection of an external database: the writes of a session's
 * explicit transaction go there and end with its COMMIT or ROLLBACK.
 */
public interface ExternalTransaction {

    void commit();

    /** Never throws: used on error paths and when the session closes. */
    void rollback();
}
