package dev.basalt.remote.binlog;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How Basalt follows one remote's binary log.
 *
 * @param user      an account with REPLICATION SLAVE (to stream) and REPLICATION CLIENT (to read
 *                  the current position); often not the account reads use
 * @param serverId  the id Basalt registers with; must differ from the remote's and every other replica's
 * @param heartbeat how often the remote sends a heartbeat when it has no events: the stream counts
 *                  as stalled (cache bypassed) after three heartbeats of silence
 * @param maxLag    events older than this (by their timestamp) mean the stream lags: cache bypassed
 * @param tls       TLS on the replication connection: the same as the remote's other connections
 */
public record ReplicaSettings(String host, int port, String user, String password, long serverId,
                              Duration heartbeat, Duration maxLag, dev.basalt.remote.tls.RemoteTls tls) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);

    public ReplicaSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        if (serverId < 1 || serverId > 0xFFFF_FFFFL) throw new IllegalArgumentException("binlog server id must be 1..4294967295");
    }

    /** Default heartbeat and lag bound, plain TCP. */
    public static ReplicaSettings of(String host, int port, String user, String password, long serverId) {
        return of(host, port, user, password, serverId, dev.basalt.remote.tls.RemoteTls.DISABLED);
    }

    /** Default heartbeat and lag bound. */
    public static ReplicaSettings of(String host, int port, String user, String password, long serverId,
                                     dev.basalt.remote.tls.RemoteTls tls) {
        return new ReplicaSettings(host, port, user, password, serverId <= 0 ? randomServerId() : serverId,
                DEFAULT_HEARTBEAT, DEFAULT_MAX_LAG, tls);
    }

    /**
     * A server id unlikely to collide: high in the range, where hand-numbered servers rarely are
     * (a collision makes the remote drop one of the two replicas, which Basalt then sees as a
     * disconnect: cache bypassed, never stale).
     */
    static long randomServerId() {
        return 0x4000_0000L + ThreadLocalRandom.current().nextLong(0x3FFF_FFFFL);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " as server id " + serverId;
    }
}
