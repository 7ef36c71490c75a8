package dev.basalt.safekeeper;

import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A timeline's log as the compute (writer) or the page server (reader) sees it, over the safekeepers.
 *
 * <p>Writing: {@link #openWriter} takes the timeline over (a replicated command that raises its epoch),
 * so every earlier writer is fenced from then on. {@link #append} sends the record with that epoch
 * through Ratis' ordered asynchronous API: concurrent appends are grouped into shared Raft entries by an
 * {@link AppendBatcher} and pipelined (more than one batch in flight; the leader also groups log writes
 * into one fsync), while the records keep the order of the append calls. It returns once a majority has
 * the record on disk.
 *
 * <p>Reading: {@link #read} is a long poll. The node's state machine holds the query until a record at
 * {@code fromLsn} is applied (or about a second passed), then answers with a batch of records; so a
 * page server tailing the log costs one request per batch, not a stream of empty polls.
 *
 * <p>Bounded waiting: every call gives up after the timeout (default {@link #DEFAULT_TIMEOUT}) with a
 * {@link WalException} that is not fenced. Ratis keeps retrying other nodes meanwhile (a leader
 * failover takes well under a second), so the timeout only fires when no quorum is reachable.
 */
public final class SafekeeperWalLog implements WalLog {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Reads stop adding records once a reply holds about this much (always at least one record). */
    static final int READ_BYTES_PER_REPLY = 4 << 20;

    static final int MAX_BATCHES_IN_FLIGHT = 2;
    static final long MAX_BATCH_BYTES = 1 << 20;

    /**
     * Where a timed-out append is reported failed and where discarded clients are closed: never a timer's or
     * Ratis' thread (closing a Ratis client waits for its gRPC channels: 3 s, then 2 s more, per channel).
     */
    private static final java.util.concurrent.Executor COMPLETIONS = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("safekeeper-append-timeout-", 0).factory());

    private final SafekeeperCluster cluster;
    private final String timeline;
    private final Duration timeout;
    /** The epoch this writer holds, or -1 for a reader; goes up when it {@linkplain #fenceOwnAppends fences its own appends}. */
    private volatile long epoch;
    private final String writerId;

    private final Object sendLock = new Object();
    /**
     * Concurrent appends share Raft entries (at most this many batches in flight). One per epoch: a record
     * queued before {@link #fenceOwnAppends} is still sent under the old epoch, so it cannot land after it.
     */
    private volatile AppendBatcher batcher;
    /** Appends' client; replaced after a timeout so a stuck request does not hold up the ones after it. */
    private RaftClient appendClient;
    /** Counts the clients replaced (under {@link #sendLock}): a timeout replaces only the client that was current when its record was queued. */
    private long clientGeneration;
    private final RaftClient readClient;

    private volatile boolean fenced;
    private volatile String fencedBy;
    private volatile boolean closed;

    private SafekeeperWalLog(SafekeeperCluster cluster, String timeline, Duration timeout, long epoch, String writerId,
                             RaftClient appendClient, RaftClient readClient) {
        this.cluster = cluster;
        this.timeline = timeline;
        this.timeout = timeout;
        this.epoch = epoch;
        this.batcher = newBatcher(epoch);
        this.writerId = writerId;
        this.appendClient = appendClient;
        this.readClient = readClient;
    }

    /** Takes {@code timeline} over for writing: from now on any other writer's appends are fenced. */
    public static SafekeeperWalLog openWriter(List<String> peers, String timeline, String writerId) {
        return openWriter(peers, timeline, writerId, DEFAULT_TIMEOUT);
    }

    /** @throws WalException (not fenced) when no quorum answered within {@code timeout} */
    public static SafekeeperWalLog openWriter(List<String> peers, String timeline, String writerId, Duration timeout) {
        return openWriter(peers, timeline, writerId, timeout, timeout);
    }

    /**
     * As {@link #openWriter(List, String, String, Duration)}, waiting up to {@code takeOverWait} for the
     * take-over itself. A compute starting on a busy machine may find the safekeepers slow to answer
     * its first request (a leader to find, connections to open, their own JVMs short of CPU); failing
     * its start after the short per-call timeout would make a restart loop of what is only a slow start.
     */
    public static SafekeeperWalLog openWriter(List<String> peers, String timeline, String writerId, Duration timeout,
                                              Duration takeOverWait) {
        SafekeeperCluster cluster = SafekeeperCluster.of(peers);
        checkTimeline(timeline);
        // unique per instance: the safekeepers let only the current holder fence its own appends (WalCommand.Refence)
        String instance = writerId + "#" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
        RaftClient appends = newClient(cluster);
        RaftClient reads = newClient(cluster);
        try {
            WalReply reply = await(appends.async().send(message(new WalCommand.TakeOver(timeline, instance))),
                    System.nanoTime() + takeOverWait.toNanos(), takeOverWait, "take over timeline " + timeline);
            if (!(reply instanceof WalReply.TakenOver taken)) throw unexpected(reply);
            return new SafekeeperWalLog(cluster, timeline, timeout, taken.epoch(), instance, appends, reads);
        } catch (RuntimeException e) {
            closeQuietly(appends);
            closeQuietly(reads);
            throw e;
        }
    }

    /** Opens {@code timeline} for reading only (the page server); {@link #append} is refused. */
    public static SafekeeperWalLog openReader(List<String> peers, String timeline) {
        return openReader(peers, timeline, DEFAULT_TIMEOUT);
    }

    public static SafekeeperWalLog openReader(List<String> peers, String timeline, Duration timeout) {
        SafekeeperCluster cluster = SafekeeperCluster.of(peers);
        checkTimeline(timeline);
        return new SafekeeperWalLog(cluster, timeline, timeout, -1, null, null, newClient(cluster));
    }

    /** {@code h:p,h:p,h:p} as a list, for callers holding the command-line form. */
    public static List<String> parsePeers(String peers) { return SafekeeperCluster.parse(peers).addresses(); }

    private static void checkTimeline(String timeline) {
        if (timeline == null || timeline.isEmpty() || timeline.length() > 255) {
            throw new IllegalArgumentException("a timeline name is 1 to 255 characters: '" + timeline + "'");
        }
    }

    /** The epoch this writer took the timeline over with (-1 for a reader). */
    public long epoch() { return epoch; }

    /**
     * @throws IllegalArgumentException a record larger than {@link Safekeeper#MAX_RECORD_BYTES}
     * @throws WalException fenced (another writer took over, or this log was opened for reading), or
     *     no quorum within the timeout (the record may or may not be in the log then)
     */
    @Override
    public long append(byte[] payload) {
        if (epoch < 0) throw new WalException("timeline " + timeline + " was opened for reading only", true);
        if (payload.length > Safekeeper.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a log record of " + payload.length + " bytes is larger than the safekeepers' limit of "
                    + Safekeeper.MAX_RECORD_BYTES + " bytes");
        }
        checkUsable();
        long deadline = System.nanoTime() + timeout.toNanos();
        long generation = clientGeneration();
        CompletableFuture<AppendBatcher.Outcome> result = batcher.submit(payload);
        AppendBatcher.Outcome outcome;
        try {
            outcome = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // no quorum: fail what is in flight on this client; later appends start over on a fresh one
            discardAppendClient(generation);
            throw new WalException("safekeepers could not append to timeline " + timeline + " within " + timeout.toMillis()
                    + " ms (no quorum reachable?)", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WalException w) throw w;
            throw new WalException("safekeepers could not append to timeline " + timeline + ": " + cause, false, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalException("interrupted while appending to timeline " + timeline, false, e);
        }
        return switch (outcome) {
            case AppendBatcher.Appended a -> a.firstLsn();
            case AppendBatcher.Fenced f -> {
                fenced = true;
                fencedBy = f.by();
                throw fencedException();
            }
        };
    }

    /**
     * The pipelined append the compute uses: queues the record behind every earlier call (so LSNs
     * follow call order) and returns at once; the future completes with the record's LSN once a
     * majority has it on disk, or fails with a {@link WalException} (fenced, or no quorum within the
     * timeout; the record's outcome is unknown then, and so is that of later records still in flight,
     * which fail too since the timed-out client is dropped).
     */
    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload) { return appendAsync(payload, 0); }

    /**
     * As {@link #appendAsync(byte[])}; with {@code expectedLsn} > 0 the safekeepers append the record only
     * at that LSN ({@link WalCommand.Append#expectedFirstLsn}), else its future fails (not fenced).
     */
    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload, long expectedLsn) {
        if (epoch < 0) return CompletableFuture.failedFuture(new WalException("timeline " + timeline + " was opened for reading only", true));
        if (payload.length > Safekeeper.MAX_RECORD_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a log record of " + payload.length
                    + " bytes is larger than the safekeepers' limit of " + Safekeeper.MAX_RECORD_BYTES + " bytes"));
        }
        try {
            checkUsable();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> lsn = new CompletableFuture<>();
        long generation = clientGeneration();
        bounded(batcher.submit(payload, expectedLsn))
                .whenCompleteAsync((outcome, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof TimeoutException) {
                            // the commit learns its outcome first; the client goes after (closing it takes seconds)
                            lsn.completeExceptionally(new WalException("safekeepers could not append to timeline " + timeline
                                    + " within " + timeout.toMillis() + " ms (no quorum reachable?)", false, cause));
                            discardAppendClient(generation);
                        } else if (cause instanceof WalException w) {
                            lsn.completeExceptionally(w);
                        } else {
                            lsn.completeExceptionally(new WalException("safekeepers could not append to timeline " + timeline
                                    + ": " + cause, false, cause));
                        }
                        return;
                    }
                    switch (outcome) {
                        case AppendBatcher.Appended a -> lsn.complete(a.firstLsn());
                        case AppendBatcher.Fenced f -> {
                            fenced = true;
                            fencedBy = f.by();
                            lsn.completeExceptionally(fencedException());
                        }
                    }
                }, COMPLETIONS);
        return lsn;
    }

    /** {@code f}, failed with a TimeoutException unless it completes within the timeout ({@link Timeouts}: not the JDK's delay thread). */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> f) { return Timeouts.failAfter(f, timeout.toNanos()); }

    private long clientGeneration() {
        synchronized (sendLock) {
            return clientGeneration;
        }
    }

    private AppendBatcher newBatcher(long batchEpoch) {
        return new AppendBatcher(MAX_BATCHES_IN_FLIGHT, MAX_BATCH_BYTES,
                (expectedFirstLsn, payloads) -> sendBatch(batchEpoch, expectedFirstLsn, payloads));
    }

    /** Sends one batch as one Raft entry under {@code batchEpoch}; called by the batcher, in order. */
    private CompletableFuture<AppendBatcher.Outcome> sendBatch(long batchEpoch, long expectedFirstLsn, List<byte[]> payloads) {
        CompletableFuture<RaftClientReply> sent;
        synchronized (sendLock) {
            sent = appendClient().async().send(message(new WalCommand.Append(timeline, batchEpoch, expectedFirstLsn, payloads)));
        }
        return sent.thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new WalException("safekeepers could not append to timeline " + timeline + ": " + reply.getException(),
                        false, reply.getException());
            }
            WalReply decoded = WalReply.decode(reply.getMessage().getContent().toByteArray());
            return switch (decoded) {
                case WalReply.Appended a -> new AppendBatcher.Appended(a.firstLsn());
                case WalReply.Fenced f when f.writerId().equals(writerId) -> throw new WalException("a batch sent under epoch "
                        + batchEpoch + " of timeline " + timeline + " was refused: this writer fenced its own earlier appends (epoch "
                        + f.epoch() + "); it is not in the log", false);
                case WalReply.Fenced f -> new AppendBatcher.Fenced(f.writerId() + " (epoch " + f.epoch() + ")");
                default -> throw unexpected(decoded);
            };
        });
    }

    /**
     * Takes the timeline over again under a new epoch (only while this writer still holds it), on a
     * client of its own so the request does not queue behind stuck appends. The safekeepers apply it in
     * log order: every append of ours before it is in the returned last LSN or refused, every one after
     * it carries an older epoch and is refused.
     */
    @Override
    public long fenceOwnAppends() {
        if (epoch < 0) throw new WalException("timeline " + timeline + " was opened for reading only", true);
        checkUsable();
        RaftClient client = newClient(cluster);
        try {
            WalReply reply = await(client.async().send(message(new WalCommand.Refence(timeline, writerId, epoch))),
                    System.nanoTime() + timeout.toNanos(), timeout, "fence the unanswered appends on timeline " + timeline);
            return switch (reply) {
                case WalReply.TakenOver t -> {
                    synchronized (sendLock) {
                        epoch = t.epoch();
                        batcher = newBatcher(t.epoch());
                    }
                    yield t.lastLsn();
                }
                case WalReply.Fenced f -> {
                    fenced = true;
                    fencedBy = f.writerId() + " (epoch " + f.epoch() + ")";
                    throw fencedException();
                }
                default -> throw unexpected(reply);
            };
        } finally {
            COMPLETIONS.execute(() -> closeQuietly(client)); // closing waits for its channels: not on the commit path
        }
    }

    @Override
    public long committedLsn() {
        checkOpen();
        WalReply reply = query(new WalCommand.Status(timeline), System.nanoTime() + timeout.toNanos());
        if (!(reply instanceof WalReply.Status s)) throw unexpected(reply);
        return s.lastLsn();
    }

    /**
     * Tells the safekeepers that the page server has durably uploaded this timeline up to {@code uploadedLsn}
     * (its index in object storage names layers covering it): they may drop the records up to it, less
     * their safety margin. Replicated like an append, so every node drops the same records. Returns the
     * oldest LSN the safekeepers still hold. Allowed on a reader (the page server's log).
     *
     * @throws WalException (not fenced) when no quorum answered within the timeout
     */
    public long releaseUpTo(long uploadedLsn) {
        checkOpen();
        RaftClient client;
        synchronized (sendLock) {
            client = appendClient();
        }
        WalReply reply = await(client.async().send(message(new WalCommand.Release(timeline, uploadedLsn))),
                System.nanoTime() + timeout.toNanos(), timeout, "release timeline " + timeline);
        if (!(reply instanceof WalReply.Released r)) throw unexpected(reply);
        return r.firstLsn();
    }

    @Override
    public void reportUploaded(long uploadedLsn) { releaseUpTo(uploadedLsn); }

    /**
     * Drops the timeline on the safekeepers (its branch is deleted): replicated like an append, so every
     * node forgets the same records; the epoch goes up, so the timeline's writers are fenced. Allowed on
     * a reader (the page server deletes branches).
     *
     * @throws WalException (not fenced) when no quorum answered within the timeout
     */
    @Override
    public void drop() {
        checkOpen();
        RaftClient client;
        synchronized (sendLock) {
            client = appendClient();
        }
        WalReply reply = await(client.async().send(message(new WalCommand.Drop(timeline))),
                System.nanoTime() + timeout.toNanos(), timeout, "drop timeline " + timeline);
        if (!(reply instanceof WalReply.TakenOver)) throw unexpected(reply);
    }

    /** The timeline's current epoch and writer, as the safekeepers know them. */
    public String currentWriter() {
        WalReply reply = query(new WalCommand.Status(timeline), System.nanoTime() + timeout.toNanos());
        if (!(reply instanceof WalReply.Status s)) throw unexpected(reply);
        return s.writerId() + " (epoch " + s.epoch() + ")";
    }

    /**
     * Long-polls: asks a node for records from {@code fromLsn}; the node answers as soon as one is there,
     * or after at most {@link WalStateMachine#MAX_SERVER_WAIT_MILLIS}, and this repeats until {@code wait}
     * is used up. Only committed (quorum-durable) records are ever returned.
     *
     * @throws WalException (not fenced) when no node answers within the timeout
     */
    @Override
    public List<WalEntry> read(long fromLsn, int max, Duration wait) {
        checkOpen();
        if (max <= 0) return List.of();
        long from = Math.max(1, fromLsn);
        long waitEnd = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            long waitLeft = Math.max(0, TimeUnit.NANOSECONDS.toMillis(waitEnd - System.nanoTime()));
            WalCommand.Read read = new WalCommand.Read(timeline, from, max, READ_BYTES_PER_REPLY,
                    Math.min(waitLeft, WalStateMachine.MAX_SERVER_WAIT_MILLIS));
            WalReply reply = query(read, System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(read.waitMillis()));
            if (!(reply instanceof WalReply.Entries entries)) throw unexpected(reply);
            if (!entries.entries().isEmpty() && entries.entries().getFirst().lsn() > from) {
                // a gap would be a torn history for the reader: say plainly that it asked for too old a record
                throw new WalException("timeline " + timeline + ": LSN " + from + " was released by the safekeepers (after the page server"
                        + " uploaded it); the oldest LSN held is " + entries.entries().getFirst().lsn(), false);
            }
            if (!entries.entries().isEmpty() || waitEnd - System.nanoTime() <= 0 || closed) return entries.entries();
        }
    }

    /**
     * A linearizable query (see {@link Safekeeper}): the node asked confirms with the leader, and the
     * leader with a majority, that the answer is current. While there is no leader (an election, no
     * quorum) the node says so at once with a {@code ReadIndexException}, which Ratis' client does not
     * retry; we ask again until the deadline, as Ratis does for writes.
     */
    private WalReply query(WalCommand command, long deadline) {
        String what = "query timeline " + timeline;
        while (true) {
            Throwable failure;
            try {
                RaftClientReply reply = awaitReply(readClient.async().sendReadOnlyUnordered(message(command)), deadline, timeout, what);
                if (reply.isSuccess()) return WalReply.decode(reply.getMessage().getContent().toByteArray());
                failure = reply.getException();
            } catch (WalException e) {
                failure = e.getCause(); // the reply future failed (ExecutionException's cause), or the deadline passed
                if (failure instanceof TimeoutException) throw e;
                if (failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null) failure = c.getCause();
            }
            // Ratis delivers "no leader to ask" both ways: as the reply's exception and as the future's failure
            boolean noLeaderYet = failure instanceof ReadIndexException || failure instanceof ReadException;
            if (!noLeaderYet || deadline - System.nanoTime() <= QUERY_RETRY_PAUSE.toNanos()) {
                throw new WalException("safekeepers could not " + what + ": " + failure, false, failure);
            }
            try {
                Thread.sleep(QUERY_RETRY_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WalException("interrupted while waiting to " + what, false, e);
            }
        }
    }

    /** As the Ratis client's own pause between retries ({@link #newClient}). */
    private static final Duration QUERY_RETRY_PAUSE = Duration.ofMillis(50);

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the log of timeline " + timeline + " is closed");
    }

    private void checkUsable() {
        checkOpen();
        if (fenced) throw fencedException();
    }

    private WalException fencedException() {
        return new WalException("timeline " + timeline + " was taken over by writer " + fencedBy
                + "; writer " + writerId + " (epoch " + epoch + ") is fenced", true);
    }

    private RaftClient appendClient() {
        if (appendClient == null) appendClient = newClient(cluster);
        return appendClient;
    }

    /**
     * After a timeout of a record queued while client {@code generation} was current: requests still in
     * flight on that client fail, later appends use a fresh one. A client that already replaced it is
     * kept (a late timeout must not close a client that works). The close runs on its own thread, since
     * it waits for the client's gRPC channels to terminate.
     */
    private void discardAppendClient(long generation) {
        RaftClient client;
        synchronized (sendLock) {
            if (generation != clientGeneration) return;
            client = appendClient;
            appendClient = null;
            clientGeneration++;
        }
        if (client != null) COMPLETIONS.execute(() -> closeQuietly(client));
    }

    private static WalReply await(CompletableFuture<RaftClientReply> sent, long deadline, Duration timeout, String what) {
        RaftClientReply reply = awaitReply(sent, deadline, timeout, what);
        if (!reply.isSuccess()) {
            throw new WalException("safekeepers could not " + what + ": " + reply.getException(), false, reply.getException());
        }
        return WalReply.decode(reply.getMessage().getContent().toByteArray());
    }

    /** The reply, successful or not; a WalException (not fenced) when none came by the deadline. */
    private static RaftClientReply awaitReply(CompletableFuture<RaftClientReply> sent, long deadline, Duration timeout, String what) {
        try {
            return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(false);
            throw new WalException("safekeepers could not " + what + " within " + timeout.toMillis()
                    + " ms (no quorum reachable?)", false, e);
        } catch (ExecutionException e) {
            throw new WalException("safekeepers could not " + what + ": " + e.getCause(), false, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalException("interrupted while waiting to " + what, false, e);
        }
    }

    private static WalException unexpected(WalReply reply) {
        String why = reply instanceof WalReply.Refused r ? r.reason() : reply.toString();
        return new WalException("safekeeper refused the request: " + why, false);
    }

    private static Message message(WalCommand command) { return Message.valueOf(ByteString.copyFrom(command.encode())); }

    static RaftClient newClient(SafekeeperCluster cluster) {
        RatisLogging.quiet();
        RatisMetricReporters.withoutJmx();
        RatisNettyLeakDetection.offUnlessRequested();
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return RaftClient.newBuilder()
                .setProperties(p)
                .setRaftGroup(cluster.group())
                // retry other nodes until the caller's deadline; the deadline, not the policy, bounds the wait
                .setRetryPolicy(RetryPolicies.retryForeverWithSleep(TimeDuration.valueOf(50, TimeUnit.MILLISECONDS)))
                .build();
    }

    private static void closeQuietly(RaftClient client) {
        if (client == null) return;
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a client whose servers are gone: nothing left to release
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (sendLock) {
            closeQuietly(appendClient);
            appendClient = null;
        }
        closeQuietly(readClient);
    }
}
