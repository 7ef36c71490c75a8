package dev.basalt.remote.passthrough;

import java.util.Set;

/**
 * Which commands leave session state on their backend connection, so that a multiplexed client must
 * keep ("pin") that connection from then on, in the manner of ProxySQL's rules. Conservative by
 * design: a statement is harmless only when its first keyword is one that never creates session
 * state and it names nothing that does; anything else pins. The relay adds what only the response
 * tells (an open transaction, autocommit off, a generated LAST_INSERT_ID, warnings).
 */
final class MultiplexRules {
    private MultiplexRules() {}

    private static final int COM_QUERY = 0x03, COM_PING = 0x0e, COM_STATISTICS = 0x09, COM_FIELD_LIST = 0x04,
            COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_CLOSE = 0x19, COM_STMT_RESET = 0x1a;

    /** First keywords of statements that, by themselves, leave nothing behind in the session. */
    private static final Set<String> HARMLESS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "SHOW",
            "DESC", "DESCRIBE", "EXPLAIN", "WITH", "(", "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "ANALYZE",
            "OPTIMIZE", "CHECKSUM", "TABLE", "VALUES",
            // transactions: the relay keeps the backend while the status flags say one is open
            "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE");

    /**
     * Words that make even a harmless-looking statement pin (besides user variables): what asks about the previous statement or this connection, temporary tables, named locks,
     * SQL_CALC_FOUND_ROWS, and more than one statement in one query.
     */
    private static final String[] PINNING = {"LAST_INSERT_ID", "FOUND_ROWS", "ROW_COUNT", "TEMPORARY",
            "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "CONNECTION_ID", "SQL_CALC_FOUND_ROWS", ";", "IS_USED_LOCK",
            "IS_FREE_LOCK"};

    /** What a command does to multiplexing. */
    enum Effect {
        /** Leaves nothing behind: the backend may serve another client afterwards. */
        SHARE,
        /**
         * A SET of session variables only (no user variables, no one-shot or global forms): the
         * session is still shareable with clients that ran the same SETs, and can be rebuilt on
         * another backend by running them again.
         */
        REPLAY,
        /** Leaves state that cannot be moved: the client keeps its backend to the end. */
        PIN,
        /**
         * Opens a transaction (BEGIN, START TRANSACTION): the backend is kept until one ends, also
         * when the server's status flags do not show it yet (MariaDB sets IN_TRANS lazily).
         */
        BEGIN,
        /** Ends one (COMMIT, ROLLBACK; not ROLLBACK TO a savepoint, not AND CHAIN). */
        END
    }

    private static final java.util.regex.Pattern KEEPS_TRANSACTION = java.util.regex.Pattern.compile(
            "^\\s*ROLLBACK\\s+(WORK\\s+)?TO\\b|\\bCHAIN\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Words that make a SET unfit for replaying: global, one-shot (next transaction, one statement), accounts. */
    private static final String[] NOT_REPLAYABLE = {"GLOBAL", "PERSIST", "TRANSACTION", "PASSWORD", "ROLE", "STATEMENT",
            ";"};

    /** What {@code command} (code byte first) does to multiplexing. */
    static Effect effect(byte[] command, int offset, int length) {
        if (length == 0) return Effect.PIN;
        int code = command[offset] & 0xFF;
        if (code == COM_PING || code == COM_STATISTICS || code == COM_FIELD_LIST) return Effect.SHARE;
        // prepared statements move with the client (MovableStatements); what the text does decides
        if (code == COM_STMT_EXECUTE || code == COM_STMT_CLOSE || code == COM_STMT_RESET) return Effect.SHARE;
        if (code == COM_STMT_PREPARE) {
            // preparing changes nothing yet; its executions do what the text does (executionEffect)
            return executionEffect(command, offset, length) == Effect.PIN ? Effect.PIN : Effect.SHARE;
        }
        // long data waits on the backend for its execution; COM_INIT_DB, COM_SET_OPTION...: state
        if (code != COM_QUERY) return Effect.PIN;
        return queryEffect(command, offset, length);
    }

    /**
     * What each execution of the statement a COM_STMT_PREPARE (code byte first) prepares does: what
     * its text does (sysbench prepares BEGIN and COMMIT too), except that a prepared SET pins, its
     * values being bound only at execution, so there is no text to replay.
     */
    static Effect executionEffect(byte[] prepare, int offset, int length) {
        Effect e = queryEffect(prepare, offset, length);
        return e == Effect.REPLAY ? Effect.PIN : e;
    }

    /** What a statement's text (COM_QUERY or COM_STMT_PREPARE, code byte first) does to multiplexing. */
    private static Effect queryEffect(byte[] command, int offset, int length) {
        int from = offset + 1, end = offset + length;
        int last = end;
        while (last > from && (Character.isWhitespace(command[last - 1]) || command[last - 1] == ';')) last--;
        String first = SqlBytes.firstWord(command, from, end);
        if (first.equals("SET")) {
            if (userVariable(command, from, last)) return Effect.PIN;
            for (String word : NOT_REPLAYABLE) {
                if (SqlBytes.contains(command, from, last, word)) return Effect.PIN;
            }
            return Effect.REPLAY;
        }
        if (!HARMLESS.contains(first) || userVariable(command, from, last)) return Effect.PIN;
        for (String word : PINNING) {
            if (SqlBytes.contains(command, from, last, word)) return Effect.PIN;
        }
        if (first.equals("BEGIN") || first.equals("START")) return Effect.BEGIN;
        if (first.equals("COMMIT") || first.equals("ROLLBACK")) {
            String text = new String(command, from, last - from, java.nio.charset.StandardCharsets.UTF_8);
            return KEEPS_TRANSACTION.matcher(text).find() ? Effect.SHARE : Effect.END;
        }
        return Effect.SHARE;
    }

    /**
     * A user variable ({@code @x}); system variables ({@code @@x}) are not one: a shareable session
     * has every system variable as its SETs left it, on whichever backend it runs.
     */
    private static boolean userVariable(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != '@') continue;
            if (i + 1 < end && b[i + 1] == '@') {
                i++;
                continue;
            }
            return true;
        }
        return false;
    }
}
