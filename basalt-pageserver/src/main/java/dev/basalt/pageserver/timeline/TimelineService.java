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

        private void ingestLoop() {
            while (!closed) {
                try {
                    List<WalEntry> batch = log.read(timeline.appliedLsn() + 1, 512, POLL);
                    timeline.applyBatch(batch);
                } catch (RuntimeException e) {
                    if (closed) return;
                    LOG.log(Level.WARNING, timeline + ": reading the log failed, retrying", e);
                    sleep(500);
                }
            }
        }

        private void workLoop() {
            while (!closed) {
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
                if (closed) return;
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
