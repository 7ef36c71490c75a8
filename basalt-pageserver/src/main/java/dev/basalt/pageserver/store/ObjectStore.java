package dev.basalt.pageserver.store;

import java.util.List;

/**
 * Where the page server keeps its durable state: immutable layer files and one small index object
 * per timeline. Puts of one object are atomic (a reader sees the old or the new bytes, never a mix),
 * which is all the page server relies on: it uploads layers before the index that names them.
 */
public interface ObjectStore extends AutoCloseable {

    void put(String name, byte[] bytes);

    /** The object's bytes, or null when there is no such object. */
    byte[] get(String name);

    /** Names of all objects starting with {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** Deletes the object if it exists. */
    void delete(String name);

    @Override
    default void close() {}
}
