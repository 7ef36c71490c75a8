package dev.basalt.pageserver.layer;

/**
 * Receives the newest version at or below a read LSN of each key of a range, in key order. A null
 * value is a deletion (a tombstone): it must hide older versions of the key in older layers.
 */
@FunctionalInterface
public interface VersionSink {
    void accept(byte[] key, byte[] valueOrNull);
}
