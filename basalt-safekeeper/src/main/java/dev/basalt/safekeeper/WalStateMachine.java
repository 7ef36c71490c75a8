package dev.basalt.safekeeper;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A safekeeper's Raft state machine. Ratis applies committed log entries here one at a time, in log
 * order, on every node; an entry is committed once a majority has it fsynced, so anything this machine
 * holds is durable on a quorum and reads served from it never show a record that could be lost.
 *
 * <p>Per timeline it keeps the records in LSN order and the current writer's epoch. A take-over raises
 * the epoch; an append whose epoch is not the current one is refused as fenced. Because both are log
 * entries, every node decides the same way, in the same order: two writers can never both append.
 *
 * <p>Records live in memory; {@link #takeSnapshot()} writes them all to one file so Ratis can drop the
 * log behind it and a restarted node starts from the snapshot plus the log after it. Once the page
 * server reports that it uploaded a timeline up to some LSN, a release entry drops the records up to
 * that LSN less {@code retainLsns}; the next snapshot no longer holds them, and Ratis then purges the
 * log segments behind that snapshot.
 */
final class WalStateMachine extends BaseStateMachine {

    /** The longest a read query waits on the server; clients wanting longer ask again (keeps below Ratis' request timeout). */
    static final long MAX_SERVER_WAIT_MILLIS = 1000;

    /** Records kept below the page server's uploaded LSN, in case it must read a little behind it. */
    private final long retainLsns;

    WalStateMachine(long retainLsns) { this.retainLsns = retainLsns; }

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Map<String, TimelineLog> timelines = new ConcurrentHashMap<>();
    /** Builds long-poll replies off the apply thread. */
    private final ExecutorService replies = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("safekeeper-reply-", 0).factory());

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /**
     * Ratis pauses the state machine before it installs a snapshot from the leader (a node that fell
     * behind the leader's purged log) and insists on finding it PAUSED when it reloads; without these
     * transitions the reload fails and the node shuts itself down.
     */
    @Override
    public void pause() {
        if (getLifeCycleState() != LifeCycle.State.RUNNING) return;
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        // after a snapshot was installed from the leader: start over from it
        loadLatestSnapshot();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() { return storage; }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) return;
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.getFile().getFileDigest() != null) MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        Map<String, TimelineLog.Image> images = SnapshotFile.read(file.toPath());
        timelines.clear();
        images.forEach((name, image) -> timeline(name).restore(image));
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    @Override
    public long takeSnapshot() throws IOException {
        // runs on the apply thread (Ratis calls it between entries), so the state matches lastApplied
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX; // nothing applied yet
        Map<String, TimelineLog.Image> images = new LinkedHashMap<>();
        timelines.forEach((name, t) -> images.put(name, t.image()));
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        SnapshotFile.write(file.toPath(), images);
        var md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    private TimelineLog timeline(String name) { return timelines.computeIfAbsent(name, n -> new TimelineLog()); }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        WalReply reply;
        try {
            reply = apply(WalCommand.decode(entry.getStateMachineLogEntry().getLogData().toByteArray()));
        } catch (IllegalArgumentException e) {
            reply = new WalReply.Refused(String.valueOf(e.getMessage()));
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(message(reply));
    }

    private WalReply apply(WalCommand command) {
        TimelineLog t = timeline(command.timeline());
        return switch (command) {
            case WalCommand.TakeOver take -> new WalReply.TakenOver(t.takeOver(take.writerId()), t.lastLsn());
            case WalCommand.Append append -> append.epoch() != t.epoch()
                    ? new WalReply.Fenced(t.epoch(), t.writerId())
                    : append.expectedFirstLsn() > 0 ? t.appendAt(append.expectedFirstLsn(), append.payloads())
                    : new WalReply.Appended(t.append(append.payloads()));
            case WalCommand.Release release -> new WalReply.Released(t.releaseUpTo(release.uploadedLsn() - retainLsns));
            case WalCommand.Drop drop -> new WalReply.TakenOver(t.drop("(branch deleted)"), t.lastLsn());
            // the holder only (writer ids are unique per compute instance); an epoch past the one it asks about is
            // its own earlier refence whose answer it never got
            case WalCommand.Refence r -> r.writerId().equals(t.writerId()) && r.epoch() <= t.epoch()
                    ? new WalReply.TakenOver(t.takeOver(r.writerId()), t.lastLsn())
                    : new WalReply.Fenced(t.epoch(), t.writerId());
            default -> new WalReply.Refused("not a log command: " + command.getClass().getSimpleName());
        };
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        WalCommand command;
        try {
            command = WalCommand.decode(request.getContent().toByteArray());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(message(new WalReply.Refused(String.valueOf(e.getMessage()))));
        }
        // a timeline nobody wrote yet is empty (epoch 0); creating it here lets a reader wait on it
        TimelineLog timeline = timeline(command.timeline());
        return switch (command) {
            case WalCommand.Status s -> CompletableFuture.completedFuture(
                    message(new WalReply.Status(timeline.lastLsn(), timeline.epoch(), timeline.writerId())));
            case WalCommand.Read r -> {
                long wait = Math.min(Math.max(0, r.waitMillis()), MAX_SERVER_WAIT_MILLIS);
                // answered when the record is there or the wait is over; the wait runs on our own timer (Timeouts), not
                // the JDK's shared delay thread: a reader must get its (empty) answer whatever else the process does
                yield Timeouts.completeAfter(timeline.awaitLsn(r.fromLsn()), null, wait)
                        .thenApplyAsync(v -> message(new WalReply.Entries(timeline.lastLsn(),
                                timeline.read(r.fromLsn(), r.max(), r.maxBytes()))), replies);
            }
            default -> CompletableFuture.completedFuture(message(new WalReply.Refused("not a query: " + command.getClass().getSimpleName())));
        };
    }

    private static Message message(WalReply reply) { return Message.valueOf(ByteString.copyFrom(reply.encode())); }

    @Override
    public void close() throws IOException {
        replies.shutdownNow();
        super.close();
    }
}
