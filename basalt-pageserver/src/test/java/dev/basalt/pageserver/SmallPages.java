package dev.basalt.pageserver;

import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;

import java.util.Iterator;

/** A page server read with tiny scan pages, so tests cross many page boundaries (and tombstones at them). */
record SmallPages(PageServer server, int pageKeys) implements PageReader {

    @Override
    public byte[] get(String timeline, byte[] key, long lsn) { return server.get(timeline, key, lsn); }

    @Override
    public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
        return server.scan(timeline, from, to, lsn, reverse, pageKeys);
    }

    @Override
    public long appliedLsn(String timeline) { return server.appliedLsn(timeline); }

    @Override
    public void close() {}
}
