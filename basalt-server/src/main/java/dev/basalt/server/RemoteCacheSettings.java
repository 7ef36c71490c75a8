package dev.basalt.server;

/**
 * The result cache for remote reads.
 *
 * @param sizeBytes  most bytes of cached results; 0 turns the cache off
 * @param ttlSeconds longest a result is served (bounds the staleness of writes made directly on the remote)
 */
public record RemoteCacheSettings(long sizeBytes, int ttlSeconds) {
    public static final RemoteCacheSettings OFF = new RemoteCacheSettings(0, 10);

    public RemoteCacheSettings {
        if (sizeBytes < 0) throw new SettingsException("remote-cache-size: must not be negative");
        if (ttlSeconds < 1) throw new SettingsException("remote-cache-ttl: must be at least 1 second");
    }

    public boolean enabled() { return sizeBytes > 0; }

    @Override
    public String toString() { return enabled() ? ByteSize.format(sizeBytes) + ", ttl " + ttlSeconds + "s" : "off"; }
}
