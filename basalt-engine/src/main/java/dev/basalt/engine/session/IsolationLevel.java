package dev.basalt.engine.session;

/**
 * The four SQL isolation levels as Basalt applies them over its MVCC snapshots. READ UNCOMMITTED
 * cannot show uncommitted rows (writes are buffered in their transaction until COMMIT), so it
 * behaves as READ COMMITTED; see docs/compatibility.md.
 */
public enum IsolationLevel {
    READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE;

    /** True when each statement reads a snapshot of its own rather than the transaction's first one. */
    public boolean snapshotPerStatement() {
        return this == READ_UNCOMMITTED || this == READ_COMMITTED;
    }

    /** The session's transaction_isolation ("READ-COMMITTED", ...). */
    static IsolationLevel of(BasaltSession session) {
        String v = session.variables().getText("transaction_isolation");
        if (v == null) return REPEATABLE_READ;
        return switch (v.toUpperCase(java.util.Locale.ROOT)) {
            case "READ-UNCOMMITTED" -> READ_UNCOMMITTED;
            case "READ-COMMITTED" -> READ_COMMITTED;
            case "SERIALIZABLE" -> SERIALIZABLE;
            default -> REPEATABLE_READ;
        };
    }
}
