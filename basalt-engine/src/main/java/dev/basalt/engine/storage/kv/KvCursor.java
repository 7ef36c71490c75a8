package dev.basalt.engine.storage.kv;

/** Iterates a key range. {@link #key()} and {@link #value()} return fresh arrays the caller owns. */
public interface KvCursor extends AutoCloseable {

    /** Advances to the next entry; false at the end. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
