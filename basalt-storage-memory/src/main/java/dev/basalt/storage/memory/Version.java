package dev.basalt.storage.memory;

/**
 * One committed value of a key, linked to the value it replaced. Chains are newest first, so a
 * reader walks down until it reaches a version its snapshot may see.
 */
final class Version {

    final long sequence;
    /** Null marks a delete (tombstone). */
    final byte[] value;
    /**
     * The version this one replaced. Only the committer (under the commit lock) changes it, to cut
     * off versions no open snapshot can reach any more; readers never walk that far.
     */
    Version older;

    Version(long sequence, byte[] value, Version older) {
        this.sequence = sequence;
        this.value = value;
        this.older = older;
    }

    /** The newest version in this chain that a snapshot at {@code sequence} sees, or null. */
    Version visibleAt(long snapshotSequence) {
        Version v = this;
        while (v != null && v.sequence > snapshotSequence) v = v.older;
        return v;
    }
}
