package dev.basalt.pageserver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** An object store in memory: for tests, and for a page server run without object storage. */
public final class MemoryObjectStore implements ObjectStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String name, byte[] bytes) { objects.put(name, bytes.clone()); }

    @Override
    public byte[] get(String name) {
        byte[] b = objects.get(name);
        return b == null ? null : b.clone();
    }

    @Override
    public List<String> list(String prefix) {
        return new ArrayList<>(objects.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet());
    }

    @Override
    public void delete(String name) { objects.remove(name); }
}
