package dev.basalt.remote.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a cached result is stored under: the statement as sent (text, or prepared text plus the
 * bound parameters' types and values), the current database, a fingerprint of the session
 * settings that can change results, the transaction status flags (they are part of the replayed
 * bytes) and the response format the client negotiated.
 */
public final class CacheKey {
    private final byte[] statement;
    private final byte[] parameters;
    private final String database;
    private final long session;
    private final int format;
    private final int hash;

    /**
     * @param session a fingerprint of the session's settings (SET statements, character set)
     * @param format  the capability and status bits the replayed bytes depend on
     */
    public CacheKey(byte[] statement, byte[] parameters, String database, long session, int format) {
        this.statement = statement;
        this.parameters = parameters;
        this.database = database;
        this.session = session;
        this.format = format;
        this.hash = Arrays.hashCode(statement) * 31 + Arrays.hashCode(parameters) * 17
                + Objects.hashCode(database) * 7 + Long.hashCode(session) + format;
    }

    /** Approximate memory held by this key. */
    int weight() {
        return 64 + statement.length + (parameters == null ? 0 : parameters.length) + (database == null ? 0 : database.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && hash == k.hash && session == k.session && format == k.format
                && Arrays.equals(statement, k.statement) && Arrays.equals(parameters, k.parameters)
                && Objects.equals(database, k.database);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public String toString() {
        return new String(statement, StandardCharsets.UTF_8) + (parameters == null ? "" : " +" + parameters.length + " parameter bytes");
    }
}
