package dev.basalt.remote.passthrough;

import dev.basalt.mysql.protocol.ServerStatus;
import dev.basalt.remote.cache.StatementAnalysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the result cache must know of one client session on the backend, followed from the
 * commands relayed: the current database, a fingerprint of its settings, the transaction status
 * and writes not yet committed, temporary tables, and the text of its prepared statements.
 */
final class SessionState {
    /**
     * A prepared statement's text and analysis, and the database it was prepared in (its
     * unqualified tables stay bound to that one after a USE, as in MySQL); parameter types are
     * remembered between executions.
     */
    static final class Prepared {
        final byte[] sql;
        final StatementAnalysis analysis;
        final String database;
        final int parameters;
        /** Which backend statement serves it under multiplexing: the same text in the same database. */
        final String statementKey;
        byte[] types;
        boolean longData;
        /** Multiplexing: what each execution does (see {@link MultiplexRules#executionEffect}). */
        MultiplexRules.Effect onExecute = MultiplexRules.Effect.PIN;

        /** @param analysis null without a result cache (only the cache reads it) */
        Prepared(byte[] sql, StatementAnalysis analysis, String database, int parameters) {
            this.sql = sql;
            this.analysis = analysis;
            this.database = database;
            this.parameters = parameters;
            this.statementKey = database + "\0" + new String(sql, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final int charset;
    /** The global settings' generation (bumped by SET GLOBAL through Basalt); sessions inherit defaults. */
    private final java.util.function.LongSupplier globalSettings;
    String database;
    long fingerprint;
    /** Status flags of the last OK/EOF from the backend. */
    int status = ServerStatus.AUTOCOMMIT;
    /** Set when the session did something the cache cannot follow: no caching until it is reset. */
    boolean untracked;
    boolean temporaryTables;
    final Set<String> uncommitted = new HashSet<>();
    boolean uncommittedAll;
    final Map<Long, Prepared> prepared = new HashMap<>();

    SessionState(String database, int charset, java.util.function.LongSupplier globalSettings) {
        this.database = database;
        this.charset = charset;
        this.globalSettings = globalSettings;
        this.fingerprint = initialFingerprint();
    }

    /** A new session's settings: its character set, and the global defaults it started with. */
    private long initialFingerprint() {
        return charset * 1_000_003L + globalSettings.getAsLong();
    }

    /** COM_RESET_CONNECTION or a new backend: settings back to their defaults, no statements. */
    void reset() {
        fingerprint = initialFingerprint();
        untracked = false;
        temporaryTables = false;
        prepared.clear();
    }

    /** A SET (or the like) ran, with these parameter values when prepared (null for text). */
    void settingsChanged(byte[] statement, byte[] parameters) {
        fingerprint = fingerprint * 1_000_003L + java.util.Arrays.hashCode(statement) + statement.length;
        if (parameters != null) fingerprint = fingerprint * 1_000_003L + java.util.Arrays.hashCode(parameters);
    }

    boolean inTransaction() { return (status & ServerStatus.IN_TRANS) != 0; }

    /**
     * True while results may come from (and go to) the cache for this session. Never inside a
     * transaction: its reads see its snapshot, which may be older than what is committed, so they
     * must neither be stored as current nor be answered with a newer state.
     */
    boolean mayUseCache() {
        return !untracked && !temporaryTables && !inTransaction() && !uncommittedAll && uncommitted.isEmpty();
    }

    /** The status bits that are part of a replayed response. */
    int statusBits() {
        return status & (ServerStatus.IN_TRANS | ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS_READONLY);
    }
}
