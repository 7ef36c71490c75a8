package dev.basalt.pageserver.layer;

/**
 * Anything that holds key versions over an LSN range: the open in-memory layer, a frozen one waiting
 * for upload, or a layer file. Reads take the newest version at or below an LSN.
 */
public interface VersionSource {

    /** The newest version of {@code key} with LSN {@code <= lsn} this source holds. */
    Lookup lookup(byte[] key, long lsn);

    /**
     * For each key in [from, to) that has a version {@code <= lsn} here: its newest such version, in
     * ascending key order or, with {@code reverse}, descending; until the sink returns false.
     */
    void scan(byte[] from, byte[] to, long lsn, boolean reverse, VersionSink sink);
}
