package dev.basalt.engine.external;

import dev.basalt.engine.catalog.TableDef;

/** What one statement needs to reach external databases (built per statement by the session). */
public interface ExternalAccess {

    /** The external database named {@code schema}, or null when it is local (or unknown). */
    ExternalDatabase database(String schema);

    /** The external table's definition, or null when it does not exist. */
    TableDef table(String schema, ExternalDatabase db, String name);

    /**
     * The session's pinned transaction on {@code db} to run in, or null to run on its own
     * (autocommit). {@code write}: the statement changes data (this may pin a connection, or refuse
     * a transaction spanning two servers).
     */
    ExternalTransaction transaction(ExternalDatabase db, boolean write);

    /**
     * True when the statement's reads must see the remote's current data (a locking read, or
     * SELECT SQL_NO_CACHE): a provider that keeps copies of results must not answer them from one.
     */
    default boolean currentReads() { return false; }
}
