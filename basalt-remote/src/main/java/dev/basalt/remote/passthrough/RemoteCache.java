package dev.basalt.remote.passthrough;

import dev.basalt.remote.binlog.BinlogWatcher;
import dev.basalt.remote.binlog.Invalidation;
import dev.basalt.remote.cache.ResultCache;
import dev.basalt.remote.cache.SchemaFacts;
import dev.basalt.remote.cache.StatementAnalysis;

import java.util.Set;

/**
 * The result cache as passthrough uses it: the cache itself, the schema facts that keep it exact,
 * and the invalidation rule for writes.
 */
final class RemoteCache {
    final ResultCache<byte[]> results;
    final SchemaFacts facts;
    /**
     * Generation of the remote's global settings as changed through Basalt (SET GLOBAL, or a
     * statement of unknown effect): part of every new session's settings fingerprint.
     */
    final java.util.concurrent.atomic.AtomicLong globalSettings = new java.util.concurrent.atomic.AtomicLong();

    /** Hits the event loop answered (the rest of the hits were answered on connections' threads). */
    final java.util.concurrent.atomic.LongAdder loopHits = new java.util.concurrent.atomic.LongAdder();

    RemoteCache(ResultCache<byte[]> results, SchemaFacts facts) {
        this.results = results;
        this.facts = facts;
    }

    /**
     * Invalidates what a write may change: its tables, or everything when its effects are unknown
     * or may spread (triggers, cascading foreign keys, or schema facts not loaded).
     */
    void invalidate(StatementAnalysis write) {
        invalidate(write.writesAll(), write.writes());
    }

    void invalidate(boolean all, Set<String> tables) {
        SchemaFacts.Facts f = facts.current();
        if (all || f == null || f.spreads(tables)) {
            results.versions().bumpAll();
        } else {
            results.versions().bump(tables);
        }
    }

    /**
     * Follows the remote's binlog when set ({@code cache-invalidation: binlog}): writes made
     * directly on the remote invalidate too, and the cache is bypassed while the stream is not fresh.
     */
    volatile BinlogWatcher binlog;

    /** False while a binlog stream the cache relies on is down or lagging: the cache must not be used. */
    boolean fresh() {
        BinlogWatcher w = binlog;
        return w == null || w.fresh();
    }

    /** What the binlog stream invalidates: the same rules as writes through Basalt. */
    Invalidation binlogTarget() {
        return new Invalidation() {
            @Override public void tables(Set<String> keys) { invalidate(false, keys); }

            @Override public void all() { results.versions().bumpAll(); }

            @Override public void schemaChanged() { facts.invalidate(); }
        };
    }

    /** True when a read of these tables may be served from or stored in the cache now. */
    boolean allows(StatementAnalysis read) {
        BinlogWatcher w = binlog;
        if (w != null && !w.fresh()) {
            w.bypassed();
            return false;
        }
        SchemaFacts.Facts f = facts.current();
        return f != null && f.allowsCaching(read.reads());
    }
}
