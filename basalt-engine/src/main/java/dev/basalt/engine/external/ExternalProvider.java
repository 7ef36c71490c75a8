package dev.basalt.engine.external;

/**
 * Makes external databases out of CREATE DATABASE names. Registered on the engine
 * ({@code BasaltEngine.registerExternalProvider}).
 */
public interface ExternalProvider {

    /**
     * What a CREATE DATABASE name means to this provider.
     *
     * @param alias the database name clients see
     * @param spec  opaque description the catalog stores; may hold credentials, never shown
     */
    record Claim(String alias, String spec) {}

    /** The claim when {@code createName} denotes an external database, else null. */
    Claim claim(String createName);

    /** The database a stored spec describes; may be called often (providers cache by spec). */
    ExternalDatabase open(String spec);

    /** The CREATE DATABASE statement text with its secrets masked (for SHOW PROCESSLIST, logs). */
    String maskStatement(String statementText);

    /**
     * Why DROP DATABASE may not remove a database with this spec (it is defined outside SQL, say by
     * the server's configuration, and would come back at the next start), or null when it may.
     */
    default String definedBy(String spec) { return null; }

    /**
     * Before DROP DATABASE of a database with this spec: throws the error that refuses it (say, a
     * two-phase commit still in doubt on it, which nobody could finish once it is gone).
     */
    default void checkDrop(String spec) { }

    /**
     * Given at registration: where the local store records its decisions when a transaction writes
     * local tables and this provider's databases (see {@link TwoPhaseLog#preparingWithLocal}).
     */
    default void localDecisions(LocalDecisions decisions) { }
}
