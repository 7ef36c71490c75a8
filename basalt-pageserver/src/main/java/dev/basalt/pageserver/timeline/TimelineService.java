package dev.basalt.pageserver.timeline;

import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalLog;
import dev.basalt.pageserver.BranchInfo;
import dev.basalt.pageserver.PageServerException;
import dev.basalt.pageserver.PageServerException.Kind;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.store.ObjectStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The set of timelines and their threads: per timeline one ingest thread (tails its log) and one
 * maintenance thread ({@link LayerMaintenance}). Branch creation and listing live here.
 */
public final class TimelineService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimelineService.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Duration POLL = Duration.ofMillis(100);

    private final PageServerSettings settings;
    private final ObjectStore store;
    private final LayerCache cache;
    private final Function<String, WalLog> logs;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A timeline with its threads; the maintenance thread sleeps on {@code this} between rounds. */
    private final class Running {
        final Timeline timeline;
        final LayerMaintenance maintenance;
        final WalLog log;
        final Thread ingest, worker;
        boolean wake;
        /** This timeline alone stops (its branch is deleted); {@link #closed} stops them all. */
        volatile boolean stopped;
        /** The uploaded LSN the log was last told of (worker thread only). */
        long reportedUploaded;

        Running(Timeline timeline) {
            this.timeline = timeline;
            this.maintenance = new LayerMaintenance(timeline, store, cache);
            this.log = logs.apply(timeline.name);
            timeline.onFrozen(this::wake);
            this.ingest = Thread.ofPlatform().daemon().name("pageserver-ingest-" + timeline.name).unstarted(this::ingestLoop);
            this.worker = Thread.ofPlatform().daemon().name("pageserver-layers-" + timeline.name).unstarted(this::workLoop);
        }

        void start() {
            ingest.start();
            worker.start();
        }

        synchronized void wake() {
            wake = true;
            notifyAll();
        }

        private boolean stopping() { return closed || stopped; }

        private void ingestLoop() {
            while (!stopping()) {
                try {
                    List<WalEntry> batch = log.read(timeline.appliedLsn() + 1, 512, POLL);
                    timeline.applyBatch(batch);
                } catch (RuntimeException e) {
                    if (stopping()) return;
                    LOG.log(Level.WARNING, timeline + ": reading the log failed, retrying", e);
                    sleep(500);
                }
            }
        }

        private void workLoop() {
            while (!stopping()) {
                synchronized (this) {
                    if (!wake) {
                        try {
                            wait(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    wake = false;
                }
                if (stopping()) return;
                maintenance.runOnce();
                reportUploaded();
            }
        }

        /** Lets the WAL service drop what object storage now holds; a failure is only retried next round. */
        private void reportUploaded() {
            long uploaded = maintenance.uploadedLsn();
            if (uploaded <= reportedUploaded) return;
            try {
                log.reportUploaded(uploaded);
                reportedUploaded = uploaded;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, timeline + ": could not report uploaded LSN " + uploaded + " to the log, will retry", e);
            }
        }

        void stop() {
            stopped = true;
            ingest.interrupt();
            wake(); // not interrupted: an upload in flight finishes (an interrupt would abort it half-way)
            join(ingest);
            join(worker);
            log.close();
        }
    }

    public TimelineService(PageServerSettings settings, ObjectStore store, LayerCache cache, Function<String, WalLog> logs) {
        this.settings = settings;
        this.store = store;
        this.cache = cache;
        this.logs = logs;
    }

    /** Rebuilds the stored timelines, creates the root one if absent, starts them all. */
    public synchronized void start(String root) {
        Map<String, Timeline> loaded = new TimelineLoader(store, cache, settings).loadAll();
        if (!loaded.containsKey(root)) {
            Timeline t = new Timeline(root, null, 0, settings, 0, 0, List.of());
            new LayerMaintenance(t, store, cache).uploadIndex();
            loaded.put(root, t);
        }
        for (Timeline t : loaded.values()) {
            t.served(); // a compute may be attached that has not asked since the restart: no deletion at once
            Running r = new Running(t);
            running.put(t.name, r);
        }
        for (Running r : running.values()) r.start();
    }

    public Timeline timeline(String name) {
        Running r = name == null ? null : running.get(name);
        if (r == null) throw new PageServerException(Kind.NOT_FOUND, "no timeline (branch) named '" + name + "'");
        return r.timeline;
    }

    public synchronized BranchInfo createBranch(String name, String parentName, OptionalLong lsn, OptionalLong timeMicros) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PageServerException(Kind.INVALID, "bad branch name '" + name + "': letters, digits, '_', '.', '-' (up to 64)");
        }
        if (running.containsKey(name)) throw new PageServerException(Kind.ALREADY_EXISTS, "branch '" + name + "' already exists");
        Timeline parent = timeline(parentName);
        long at;
        if (lsn.isPresent() && timeMicros.isPresent()) {
            throw new PageServerException(Kind.INVALID, "give a branch point as an LSN or a timestamp, not both");
        } else if (lsn.isPresent()) {
            at = lsn.getAsLong();
            if (at < 0) throw new PageServerException(Kind.INVALID, "negative LSN " + at);
            parent.awaitApplied(at);
        } else if (timeMicros.isPresent()) {
            at = parent.clock.lsnAt(timeMicros.getAsLong());
            if (at < 0) {
                if (parent.clock.oldestKnown() > 1 || parent.gcHorizon() > 0) {
                    throw new PageServerException(Kind.BELOW_GC_HORIZON,
                            "timeline '" + parentName + "' no longer keeps history as old as that timestamp");
                }
                at = 0; // before the first commit: the empty state
            }
        } else {
            at = parent.appliedLsn();
        }
        Timeline child;
        synchronized (parent) { // against the parent's GC moving its horizon past the branch point
            if (at < parent.gcHorizon()) {
                throw new PageServerException(Kind.BELOW_GC_HORIZON,
                        "LSN " + at + " of '" + parentName + "' is below its garbage-collection horizon " + parent.gcHorizon());
            }
            child = new Timeline(name, parent, at, settings, 0, 0, List.of());
            parent.children.add(child);
        }
        try {
            deleteObjects(name); // what an interrupted deletion of an earlier branch of this name left
            new LayerMaintenance(child, store, cache).uploadIndex();
        } catch (RuntimeException e) {
            parent.children.remove(child);
            throw e;
        }
        Running r = new Running(child);
        running.put(name, r);
        r.start();
        return child.info();
    }

    /** A timeline a compute reads: marks it attached for the lease (see {@link #deleteBranch}). */
    public Timeline serve(String name) {
        Timeline t = timeline(name);
        t.served();
        return t;
    }

    /**
     * Deletes branch {@code name}: its log on the safekeepers, its threads, its layers and index in
     * object storage, its local cache. Refused for the root timeline, for a branch that child branches
     * depend on (their reads go through it), and for one a compute read within the attach lease (a
     * compute polls its timeline's applied LSN all the time it runs).
     *
     * <p>Order: the log first (if the safekeepers cannot be reached nothing changed, and from then on a
     * writer of the branch is fenced), then the timeline leaves this server, then its index object
     * (after which a restart no longer loads it), then its layer objects. Objects an interrupted
     * deletion leaves behind are deleted when a branch of that name is created again.
     */
    public synchronized BranchInfo deleteBranch(String name) {
        Running r = running.get(name);
        if (r == null) throw new PageServerException(Kind.NOT_FOUND, "no timeline (branch) named '" + name + "'");
        Timeline t = r.timeline;
        if (t.parent == null) {
            throw new PageServerException(Kind.INVALID, "'" + name + "' is a root timeline: it cannot be deleted");
        }
        if (!t.children.isEmpty()) {
            throw new PageServerException(Kind.IN_USE, "branch '" + name + "' has child branches ("
                    + String.join(", ", t.children.stream().map(c -> c.name).sorted().toList()) + "): delete them first");
        }
        long since = t.millisSinceServed();
        if (since >= 0 && since < settings.attachLease().toMillis()) {
            throw new PageServerException(Kind.IN_USE, "a compute is attached to branch '" + name + "' (it read from it " + since
                    + " ms ago): stop it first (a branch counts as attached for " + settings.attachLease().toSeconds()
                    + " s after its last read)");
        }
        try {
            r.log.drop();
        } catch (UnsupportedOperationException e) {
            throw new PageServerException(Kind.INVALID, "branch '" + name + "' cannot be deleted: " + e.getMessage());
        }
        running.remove(name);
        r.stop();
        synchronized (t.parent) {
            t.parent.children.remove(t);
        }
        BranchInfo info = t.info();
        store.delete(TimelineIndex.objectName(name));
        deleteObjects(name);
        cache.deleteTimeline(name);
        LOG.info("deleted branch '" + name + "' (parent '" + t.parent.name + "' at LSN " + t.branchLsn + ")");
        return info;
    }

    /** Every object of timeline {@code name} in object storage (index and layers). */
    private void deleteObjects(String name) {
        for (String object : store.list(TimelineIndex.objectPrefix(name))) store.delete(object);
    }

    public List<BranchInfo> list() {
        List<BranchInfo> out = new ArrayList<>();
        for (Running r : running.values()) out.add(r.timeline.info());
        out.sort(Comparator.comparing(BranchInfo::name));
        return out;
    }

    /** Applies what the log has committed now, freezes it and waits until it is uploaded (bounded). */
    public void checkpoint(String name) {
        Timeline t = timeline(name);
        Running r = running.get(name);
        long target = r.log.committedLsn();
        t.awaitApplied(target);
        t.requestFreeze();
        long deadline = System.nanoTime() + settings.readWait().toNanos() * 3;
        while (t.diskConsistentLsn() < target) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(t + ": checkpoint to LSN " + target + " timed out");
            r.wake();
            sleep(5);
        }
    }

    /** One maintenance round now, in the caller's thread, serialised with the timeline's own worker. */
    public void maintain(String name) {
        Running r = running.get(name);
        timeline(name);
        r.maintenance.runOnce();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Running r : running.values()) r.stop();
        running.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
