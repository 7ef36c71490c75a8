package dev.basalt.pageserver;

/**
 * A request the page server refuses for a reason the caller can act on (not an outage: those are
 * {@link dev.basalt.disagg.WalException}s). The kind travels over gRPC as a status code.
 */
public final class PageServerException extends RuntimeException {

    public enum Kind {
        /** no such timeline (branch) */
        NOT_FOUND,
        /** the LSN is older than the garbage-collection horizon: those versions are gone */
        BELOW_GC_HORIZON,
        /** a branch of that name exists already */
        ALREADY_EXISTS,
        /** a malformed request (bad name, LSN beyond the parent's log, ...) */
        INVALID,
        /** the branch is in use: child branches depend on it, or a compute is attached */
        IN_USE
    }

    private final Kind kind;

    public PageServerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
