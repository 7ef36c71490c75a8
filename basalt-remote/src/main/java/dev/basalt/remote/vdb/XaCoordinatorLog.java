package dev.basalt.remote.vdb;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.LocalDecisions;
import dev.basalt.engine.external.TwoPhaseLog;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The coordinator log of XA two-phase commits across virtual databases: what makes a crash of
 * Basalt between XA PREPARE and XA COMMIT recoverable. One text file in the data directory,
 * {@value #FILE_NAME}, one record a line:
 * <pre>
 *   begin GID XID SERVER [XID SERVER]...   forced to disk before the first XA PREPARE
 *   commit GID                             forced to disk before the first XA COMMIT
 *   done GID                               not forced: losing it only repeats finished work
 *   local GID XID SERVER [XID SERVER]...   as begin, for a transaction that also wrote local tables
 * </pre>
 * A {@code local} entry's decision is not in this file but in the local store: the local commit,
 * which carries GID ({@link LocalDecisions}), is made after every XA PREPARE. Its {@code commit}
 * record is written after that commit and not forced (a shortcut for recovery, which otherwise
 * asks the local store: {@link LocalDecisions#settle}).
 * SERVER is the participant's {@code user@host:port/database} (URL-encoded), never a password. On
 * restart every entry without {@code done} is finished by {@link XaResolver}: participants of a
 * committed one get XA COMMIT, the others XA ROLLBACK (presumed abort). A line cut short by a
 * crash was never forced, so nothing was sent after it: it is ignored. Without a data directory
 * (memory storage) the log lives in memory only: two-phase commit still runs, a crash is not
 * recovered.
 */
final class XaCoordinatorLog implements TwoPhaseLog, AutoCloseable {
    static final String FILE_NAME = "remote-xa.log";

    /** One participant: the XA identifier (without quotes) on one remote database. */
    record Participant(String serverKey, String xid) {}

    /** A distributed transaction not yet finished on all of its participants. */
    static final class Pending {
        final String gid;
        final List<Participant> participants;
        /** The local store decides (a {@code local} record): see {@link LocalDecisions}. */
        final boolean local;
        volatile boolean committed;
        /** While its COMMIT is still running in a session, the resolver leaves it alone. */
        volatile boolean inFlight;

        Pending(String gid, List<Participant> participants, boolean local) {
            this.gid = gid;
            this.participants = List.copyOf(participants);
            this.local = local;
        }
    }

    private final Path file;
    private FileChannel channel; // null: in memory (file null), or not written yet
    private boolean closed;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Told when an entry is left unfinished at runtime (a server unreachable at its second phase). */
    private volatile Runnable unfinished = () -> {};
    /** The local store's decisions (null until the engine gives them: local writes then do not join). */
    private volatile LocalDecisions decisions;
    /** Decisions of local entries every participant acted on, to be deleted from the local store. */
    private final List<String> forgettable = new ArrayList<>();
    private static final int FORGET_BATCH = 64;

    private XaCoordinatorLog(Path file) { this.file = file; }

    static XaCoordinatorLog inMemory() { return new XaCoordinatorLog(null); }

    /**
     * Opens (or creates) the log in {@code dataDir}: reads the unfinished entries, then rewrites the
     * file with only those (so it never grows past the transactions in doubt).
     */
    static XaCoordinatorLog open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        XaCoordinatorLog log = new XaCoordinatorLog(file);
        if (!Files.exists(file)) return log; // made at the first distributed commit
        log.read(Files.readString(file, StandardCharsets.UTF_8));
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder s = new StringBuilder();
            for (Pending p : log.pending.values()) {
                s.append(beginLine(p));
                if (p.committed) s.append("commit ").append(p.gid).append('\n');
            }
            out.write(ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dataDir);
        log.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return log;
    }

    /** The records of {@code text}; a last line without its newline was cut short by a crash. */
    private void read(String text) {
        int end = text.lastIndexOf('\n');
        if (end < 0) return;
        for (String line : text.substring(0, end).split("\n")) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "begin", "local" -> {
                    List<Participant> ps = new ArrayList<>();
                    for (int i = 2; i + 1 < f.length; i += 2) {
                        ps.add(new Participant(URLDecoder.decode(f[i + 1], StandardCharsets.UTF_8), f[i]));
                    }
                    pending.put(f[1], new Pending(f[1], ps, f[0].equals("local")));
                }
                case "commit" -> {
                    Pending p = pending.get(f[1]);
                    if (p != null) p.committed = true;
                }
                case "done" -> pending.remove(f[1]);
                default -> { } // a record of a later version: ignored
            }
        }
    }

    void onUnfinished(Runnable r) { unfinished = r; }

    void localDecisions(LocalDecisions d) { decisions = d; }

    LocalDecisions localDecisions() { return decisions; }

    @Override public boolean acceptsLocal() { return decisions != null; }

    /** The ids of unfinished local entries (their decisions must stay in the local store). */
    synchronized java.util.Set<String> localIds() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Pending p : pending.values()) if (p.local) out.add(p.gid);
        return out;
    }

    /**
     * A local entry's outcome was read from the local store (the resolver's {@link LocalDecisions#settle}):
     * remembered, so its participants are committed.
     */
    synchronized void settledCommitted(Pending p) {
        p.committed = true;
        append("commit " + p.gid + "\n", false);
    }

    /** The entries not finished, and not being committed by a session right now. */
    synchronized List<Pending> unfinished() {
        List<Pending> out = new ArrayList<>();
        for (Pending p : pending.values()) if (!p.inFlight) out.add(p);
        return out;
    }

    @Override public Entry preparing(List<ExternalTransaction> participants) { return preparing(participants, false); }

    @Override public Entry preparingWithLocal(List<ExternalTransaction> participants) {
        if (decisions == null) throw new IllegalStateException("no local decisions");
        return preparing(participants, true);
    }

    private Entry preparing(List<ExternalTransaction> participants, boolean local) {
        List<Participant> ps = new ArrayList<>();
        List<PinnedTransaction> pinned = new ArrayList<>();
        for (ExternalTransaction x : participants) {
            PinnedTransaction p = (PinnedTransaction) x; // only ours name this log
            pinned.add(p);
            ps.add(new Participant(p.serverKey(), p.xid()));
        }
        return begin(ps, () -> pinned.stream().allMatch(PinnedTransaction::resolved), local,
                () -> pinned.forEach(PinnedTransaction::abandon));
    }

    /**
     * Logs (forced) a distributed transaction of {@code participants} about to be prepared;
     * {@code allResolved} says, when the session is done with it, whether every participant really ended.
     */
    Entry begin(List<Participant> participants, java.util.function.BooleanSupplier allResolved) {
        return begin(participants, allResolved, false, () -> {});
    }

    /** {@code abandon}: lets go of the participants' connections, leaving them prepared (the outcome is in doubt). */
    Entry begin(List<Participant> participants, java.util.function.BooleanSupplier allResolved, boolean local,
                Runnable abandon) {
        Pending p = new Pending("g-" + UUID.randomUUID(), participants, local);
        p.inFlight = true;
        synchronized (this) {
            append(beginLine(p), true);
            pending.put(p.gid, p);
        }
        return new Entry() {
            @Override public LocalCommit decideByLocalCommit(dev.basalt.engine.txn.Transaction localTxn) {
                TestPause.at("prepared");
                LocalDecisions d = decisions;
                try {
                    d.commitWith(localTxn, p.gid);
                } catch (RuntimeException failed) {
                    // rolled back, or its wait was stopped and it may still land: ask the store, for good
                    try {
                        if (!d.settle(p.gid)) return new LocalCommit(LocalOutcome.ROLLED_BACK, failed);
                    } catch (RuntimeException unreadable) {
                        failed.addSuppressed(unreadable);
                        abandon.run(); // prepared they stay; the resolver settles and finishes them
                        return new LocalCommit(LocalOutcome.IN_DOUBT, failed);
                    }
                    settledCommitted(p);
                    return new LocalCommit(LocalOutcome.COMMITTED, failed);
                }
                synchronized (XaCoordinatorLog.this) {
                    append("commit " + p.gid + "\n", false); // the local store holds the decision
                    p.committed = true;
                }
                TestPause.at("decided");
                return new LocalCommit(LocalOutcome.COMMITTED, null);
            }

            @Override public void decideCommit() {
                TestPause.at("prepared");
                synchronized (XaCoordinatorLog.this) {
                    append("commit " + p.gid + "\n", true);
                    p.committed = true;
                }
                TestPause.at("decided");
            }

            @Override public void finished() {
                if (allResolved.getAsBoolean()) {
                    resolved(p);
                    forgetDecisions(false);
                } else {
                    // a server keeps a participant prepared: the resolver finishes it when it can
                    p.inFlight = false;
                    unfinished.run();
                }
            }
        };
    }

    /** Every participant of {@code p} is committed or rolled back: the entry is forgotten. */
    synchronized void resolved(Pending p) {
        if (pending.remove(p.gid) == null) return;
        if (p.local) forgettable.add(p.gid);
        try {
            if (channel != null) channel.write(ByteBuffer.wrap(("done " + p.gid + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // not forced anyway: at worst the next start finds it finished on every server
        }
    }

    /**
     * Deletes the local store's decisions of finished local entries: in batches ({@value #FORGET_BATCH},
     * one local commit each), or all of them ({@code all}). Not under the log's lock; a failure
     * keeps them for the next start, which forgets every decision no entry names.
     */
    void forgetDecisions(boolean all) {
        LocalDecisions d = decisions;
        List<String> ids;
        synchronized (this) {
            if (d == null || forgettable.isEmpty() || (!all && forgettable.size() < FORGET_BATCH)) return;
            ids = List.copyOf(forgettable);
            forgettable.clear();
        }
        try {
            d.forget(ids);
        } catch (RuntimeException e) {
            // the store refused (disk full, read-only): the next start forgets them
        }
    }

    private static String beginLine(Pending p) {
        StringBuilder s = new StringBuilder(p.local ? "local " : "begin ").append(p.gid);
        for (Participant x : p.participants) {
            s.append(' ').append(x.xid()).append(' ').append(URLEncoder.encode(x.serverKey(), StandardCharsets.UTF_8));
        }
        return s.append('\n').toString();
    }

    /** Appends a record, forced to disk when {@code force}; 1180 when it cannot (the caller rolls back). */
    private void append(String line, boolean force) {
        if (file == null || closed) return;
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                forceDirectory(file.getParent()); // the new file's name is durable too
            }
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            if (force) channel.force(false);
        } catch (IOException e) {
            if (!force) return; // a shortcut only: recovery finds the decision without it
            throw new SqlException(1180, "HY000", "Got error " + 5 + " \"" + e.getMessage()
                    + "\" during COMMIT (writing the XA coordinator log " + file + ")");
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory: the rename is still atomic
        }
    }

    @Override public synchronized void close() {
        closed = true;
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing at shutdown
        }
        channel = null;
    }
}
