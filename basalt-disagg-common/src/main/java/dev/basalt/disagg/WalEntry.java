package dev.basalt.disagg;

/** A record as stored in the log: its position (LSN, 1, 2, 3, ... per timeline) and its bytes. */
public record WalEntry(long lsn, byte[] payload) {
    public CommitRecord commit() { return CommitRecord.decode(payload); }
}
