package dev.basalt.server;

import dev.basalt.engine.api.ThreadHandling;
import dev.basalt.engine.exec.MemoryGovernor;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.exec.spill.SpillFile;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Memory, disk and thread settings of the server process: the per-statement memory budget, the
 * server-wide memory limit, the spill directory, LMDB's write-ahead log and disk reserve sizes,
 * and how connections get their threads. They are process-wide (the engine keeps them in static state and LMDB reads them when it
 * opens), so {@link #apply} runs once, before the store and the engine start.
 *
 * @param tmpdir            spill directory, or null for -Dbasalt.tmpdir / the system's
 * @param queryMemoryLimit  bytes per statement, 0: -Dbasalt.queryMemoryLimit or half the heap
 * @param globalMemoryLimit bytes for all statements, 0: -Dbasalt.globalMemoryLimit or 60% of the heap
 * @param walSize           bytes preallocated for LMDB's write-ahead log (durability wal), -1: -Dbasalt.lmdb.walSize or 32M
 * @param diskReserve       bytes LMDB keeps in reserve for writes that free space on a full disk, -1:
 *                          -Dbasalt.lmdb.reserveSize or 8M
 * @param threadHandling    a platform or a virtual thread per client connection
 * @param threadCacheSize   idle platform threads kept for the next connection: @@global.thread_cache_size at start
 */
public record ResourceSettings(Path tmpdir, long queryMemoryLimit, long globalMemoryLimit, long walSize,
                               long diskReserve, ThreadHandling threadHandling, int threadCacheSize) {

    /** MySQL 8's autosized thread_cache_size for 151 connections. */
    public static final int DEFAULT_THREAD_CACHE_SIZE = 9;

    /** As the canonical constructor, with the default thread cache. */
    public ResourceSettings(Path tmpdir, long queryMemoryLimit, long globalMemoryLimit, long walSize,
                            long diskReserve, ThreadHandling threadHandling) {
        this(tmpdir, queryMemoryLimit, globalMemoryLimit, walSize, diskReserve, threadHandling, DEFAULT_THREAD_CACHE_SIZE);
    }

    private static final Logger LOG = Logger.getLogger(ResourceSettings.class.getName());

    public ResourceSettings {
        if (queryMemoryLimit < 0 || globalMemoryLimit < 0) throw new SettingsException("memory limits must not be negative");
        if (walSize != -1 && walSize < (1 << 20)) throw new SettingsException("wal-size: expected at least 1M");
        if (diskReserve < -1) throw new SettingsException("disk-reserve: must not be negative");
        if (threadHandling == null) threadHandling = ThreadHandling.ONE_THREAD_PER_CONNECTION;
        if (threadCacheSize < 0 || threadCacheSize > 16384) {
            throw new SettingsException("thread-cache-size: expected 0 to 16384, got " + threadCacheSize);
        }
    }

    /** Sets the bounds for this process, and removes what a crashed earlier process left in the spill directory. */
    void apply() {
        if (queryMemoryLimit > 0) QueryMemory.setLimit(queryMemoryLimit);
        if (globalMemoryLimit > 0) MemoryGovernor.setLimit(globalMemoryLimit);
        // LmdbOptions reads these when the store opens (the documented -D properties; the setting wins)
        if (walSize >= 0) System.setProperty("basalt.lmdb.walSize", Long.toString(walSize));
        if (diskReserve >= 0) System.setProperty("basalt.lmdb.reserveSize", Long.toString(diskReserve));
        if (tmpdir != null) SpillFile.setDirectory(tmpdir);
        ThreadHandling.configure(threadHandling);
        ThreadHandling.threadCacheSize(threadCacheSize); // the engine shows it as @@global.thread_cache_size
        int removed = SpillFile.removeLeftovers();
        if (removed > 0) {
            LOG.info("removed " + removed + " temporary file(s) an earlier process left in " + SpillFile.directory());
        }
    }
}
