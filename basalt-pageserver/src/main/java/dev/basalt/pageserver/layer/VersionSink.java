package dev.basalt.pageserver.layer;

/**
 * Receives the newest version at or below a read LSN of each key of a range, in scan order. A null
 * value is a deletion (a tombstone): it must hide older versions of the key in older layers.
 * Returning false stops the scan (a page is full).
 */
@FunctionalInterface
public interface VersionSink {
    boolean accept(byte[] key, byte[] valueOrNull);
}
