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
    }

    private final int id;
    private final RaftServer server;

    private Safekeeper(int id, RaftServer server) {
        this.id = id;
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
        SafekeeperCluster cluster = SafekeeperCluster.of(peers);
        SafekeeperCluster.HostPort self = SafekeeperCluster.hostPort(cluster.address(id));
        PortCheck.requireFree(self.host(), self.port());
        Path raftDir = dataDir.resolve("raft");
        Files.createDirectories(raftDir);

        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(p, self.host());
        GrpcConfigKeys.Server.setPort(p, self.port());
        // fsync every entry before acknowledging it (the defaults, but the guarantee rests on them)
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
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
        return new Safekeeper(id, server);
    }

    public int id() { return id; }

    /** Stops serving; the data directory keeps everything for a restart. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
