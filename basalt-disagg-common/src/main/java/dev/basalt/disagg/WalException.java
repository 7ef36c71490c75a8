package dev.basalt.disagg;

/**
 * The log could not take or serve a record. {@link #fenced()} means another writer has taken over the
 * timeline: this writer must stop for good (its appends can never succeed again). Otherwise the log is
 * unavailable (no quorum, timeout) and the outcome of an append that threw is unknown.
 */
public class WalException extends RuntimeException {
    private final boolean fenced;

    public WalException(String message, boolean fenced, Throwable cause) {
        super(message, cause);
        this.fenced = fenced;
    }

    public WalException(String message, boolean fenced) { this(message, fenced, null); }

    public boolean fenced() { return fenced; }
}
