package dev.basalt.server;

/**
 * The result cache for remote reads.
 *
 * @param sizeBytes  most bytes of cached results; 0 turns the cache off
 * @param ttlSeconds longest a result is served (bounds the staleness of writes made directly on the remote)
 */
public record RemoteCacheSettings(long sizeBytes, int ttlSeconds, BinlogInvalidation binlog) {
    public static final RemoteCacheSettings OFF = new RemoteCacheSettings(0, 10);

    public RemoteCacheSettings {
        if (sizeBytes < 0) throw new SettingsException("remote-cache-size: must not be negative");
        if (ttlSeconds < 1) throw new SettingsException("remote-cache-ttl: must be at least 1 second");
        if (binlog != null && sizeBytes == 0) {
            throw new SettingsException("remote-cache-invalidation: binlog needs a result cache (remote-cache-size)");
        }
    }

    /** Invalidation by writes through Basalt and the TTL only. */
    public RemoteCacheSettings(long sizeBytes, int ttlSeconds) {
        this(sizeBytes, ttlSeconds, null);
    }

    /**
     * {@code remote-cache-invalidation: binlog}: Basalt follows the remote's binary log as a replica.
     *
     * @param user     the replication account; empty: the one passthrough logs in with
     * @param serverId the replica's server id; 0: random
     */
    public record BinlogInvalidation(String user, String password, long serverId) {
        /** Never prints the password. */
        @Override
        public String toString() {
            return "binlog" + (user.isEmpty() ? "" : " as " + user) + (serverId == 0 ? "" : ", server id " + serverId);
        }
    }

    public RemoteCacheSettings withBinlog(BinlogInvalidation b) { return new RemoteCacheSettings(sizeBytes, ttlSeconds, b); }

    public boolean enabled() { return sizeBytes > 0; }

    @Override
    public String toString() {
        return enabled() ? ByteSize.format(sizeBytes) + ", ttl " + ttlSeconds + "s" + (binlog == null ? "" : ", " + binlog) : "off";
    }
}
