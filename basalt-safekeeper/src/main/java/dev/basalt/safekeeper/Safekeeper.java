package dev.basalt.safekeeper;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running safekeeper: a Ratis server for the safekeepers' group, with its Raft log and snapshots
 * under {@code dataDir/raft}. Restarting it on the same data directory recovers its log and snapshot,
 * then the leader brings it up to date.
 *
 * <p>Durability: Ratis appends an entry to its segmented log and acknowledges it (on a follower: to
 * the leader; on the leader: counts itself) only after {@code FileChannel.force} returned, since the
 * log's unsafe and asynchronous flush modes are both off (set explicitly below). The leader commits an
 * entry, and the client hears of it, once a majority acknowledged it, so 2 of 3 nodes have it on disk.
 *
 * <p>Reads are linearizable (Raft's ReadIndex): before the leader answers a query it confirms with a
 * majority's heartbeat that it still leads. Ratis' default answers from the leader's state machine at
 * once, so a leader that had lost both followers kept answering reads until it noticed and stepped
 * down (2 s and more on a loaded machine): with two nodes down, reads did not fail as they must, and a
 * deposed leader could serve a reader an old end of the log.
 */
public final class Safekeeper implements AutoCloseable {

    /** The largest record a client may append: the Raft log's write buffer and the appender's batches must hold one. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    /** Tunables; {@link #defaults()} suits three nodes on a LAN. */
    public record Options(long snapshotEveryEntries, java.time.Duration electionTimeoutMin, java.time.Duration electionTimeoutMax,
                          long walRetainLsns) {
        /** Default safety margin: records kept below the page server's uploaded LSN. */
        public static final long DEFAULT_WAL_RETAIN_LSNS = 10_000;

        /** A snapshot rewrites every record still held, so not too often; restarts replay the log after it. */
        public static Options defaults() {
            // a leader steps down after a timeout without a majority's heartbeats: loaded machines pause JVMs for 0.3-0.5 s
            return new Options(100_000, java.time.Duration.ofMillis(1000), java.time.Duration.ofMillis(2000), DEFAULT_WAL_RETAIN_LSNS);
        }

        public Options withSnapshotEveryEntries(long n) { return new Options(n, electionTimeoutMin, electionTimeoutMax, walRetainLsns); }

        public Options withWalRetainLsns(long n) { return new Options(snapshotEveryEntries, electionTimeoutMin, electionTimeoutMax, n); }

        /** A follower starts an election after a random time between {@code min} and {@code max} without the leader. */
        public Options withElectionTimeouts(java.time.Duration min, java.time.Duration max) {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("election timeouts must be positive, min <= max: " + min + ", " + max);
            }
            return new Options(snapshotEveryEntries, min, max, walRetainLsns);
        }
    }

    private final int id;
    private final List<String> peers;
    private final RaftServer server;

    private Safekeeper(int id, List<String> peers, RaftServer server) {
        this.id = id;
        this.peers = List.copyOf(peers);
        this.server = server;
    }

    /**
     * Starts safekeeper {@code id} (1-based position in {@code peers}), listening on its address in the list.
     *
     * @throws IOException also when its port is already in use (checked first: Ratis itself would exit the JVM)
     */
    public static Safekeeper start(int id, List<String> peers, Path dataDir) throws IOException {
        return start(id, peers, dataDir, Options.defaults());
    }

    public static Safekeeper start(int id, List<String> peers, Path dataDir, Options options) throws IOException {
        RatisLogging.quiet();
        RatisMetricReporters.withoutJmx();
        RatisNettyLeakDetection.offUnlessRequested();
        SafekeeperCluster cluster = SafekeeperCluster.of(peers);
        SafekeeperCluster.HostPort self = SafekeeperCluster.hostPort(cluster.address(id));
        PortCheck.requireFree(self.host(), self.port());
        Path raftDir = dataDir.resolve("raft");
        Files.createDirectories(raftDir);
        requireOwnCluster(raftDir, cluster);

        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(p, self.host());
        GrpcConfigKeys.Server.setPort(p, self.port());
        // fsync every entry before acknowledging it (the defaults, but the guarantee rests on them)
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // a query is answered only after a majority confirmed this node still leads (see the class comment)
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // one record must fit in the log's write buffer, a log segment and an appendEntries batch
        // (Ratis wants the write buffer at least 8 bytes above the appender's limit)
        long entryRoom = MAX_RECORD_BYTES + (1 << 20);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryRoom + "B"));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf((entryRoom + (1 << 10)) + "B"));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf((2 * entryRoom) + "B"));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, options.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // after each snapshot, drop the closed log segments it covers, even if a node lags behind it (that
        // node then gets the snapshot installed): the log stays bounded while a node is down for long
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, options.snapshotEveryEntries()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(options.electionTimeoutMin().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(options.electionTimeoutMax().toMillis(), TimeUnit.MILLISECONDS));

        RaftServer server = RaftServer.newBuilder()
                .setServerId(SafekeeperCluster.peerId(id))
                .setGroup(cluster.group())
                .setProperties(p)
                .setParameters(new Parameters())
                .setStateMachine(new WalStateMachine(options.walRetainLsns()))
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new Safekeeper(id, peers, server);
    }

    /**
     * Refuses a data directory that holds another cluster's Raft log: Ratis would load every group
     * directory it finds and serve it too. The group id names the peer list (see {@link SafekeeperCluster}),
     * so this is a node started with another list than the one its data was written with.
     */
    private static void requireOwnCluster(Path raftDir, SafekeeperCluster cluster) throws IOException {
        String own = cluster.groupId().getUuid().toString();
        try (var entries = Files.list(raftDir)) {
            for (Path sub : (Iterable<Path>) entries::iterator) {
                String name = sub.getFileName().toString();
                if (!Files.isDirectory(sub) || name.equals(own) || !isUuid(name)) continue;
                throw new IOException("data directory " + raftDir.getParent() + " holds the log of another safekeeper cluster (Raft group "
                        + name + "), not of the one with peers " + String.join(",", cluster.addresses()) + " (group " + own
                        + "): start each node with the peer list its cluster was created with, or on an empty data directory");
            }
        }
    }

    private static boolean isUuid(String s) {
        try {
            java.util.UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public int id() { return id; }

    /** Whether this node leads its group right now (tests wait for one, or stop the others around it). */
    public boolean isLeader() throws IOException {
        return server.getDivision(SafekeeperCluster.of(peers).groupId()).getInfo().isLeader();
    }

    /** Stops serving; the data directory keeps everything for a restart. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
