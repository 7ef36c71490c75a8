package dev.basalt.pageserver.timeline;

import dev.basalt.disagg.KeyValue;
import dev.basalt.pageserver.layer.Keys;
import dev.basalt.pageserver.layer.Layer;
import dev.basalt.pageserver.layer.LayerFormat;
import dev.basalt.pageserver.layer.LayerName;
import dev.basalt.pageserver.layer.OpenLayer;
import dev.basalt.pageserver.store.ObjectStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background work of one timeline, in one thread so that it never races itself: upload frozen
 * layers as delta layer files (then the index: the last uploaded LSN moves), merge small deltas,
 * write image layers, and drop layers no read at or above the GC horizon can need.
 *
 * <p>Order of effects on object storage, so the stored index always names stored layers: new layer
 * files first, then the index, then deletion of the layers the index no longer names.
 */
public final class LayerMaintenance {

    private static final Logger LOG = Logger.getLogger(LayerMaintenance.class.getName());

    private final Timeline timeline;
    private final ObjectStore store;
    private final LayerCache cache;

    /**
     * The disk-consistent LSN of the last index this thread stored (at start: the one loaded from the
     * store, or 0). Unlike {@code timeline.diskConsistentLsn}, which moves before the index upload that
     * may fail, this is what a rebuild would resume from, so only this may be reported to the WAL service.
     */
    private volatile long uploadedLsn;

    public LayerMaintenance(Timeline timeline, ObjectStore store, LayerCache cache) {
        this.timeline = timeline;
        this.store = store;
        this.cache = cache;
        this.uploadedLsn = timeline.diskConsistentLsn();
    }

    /** What object storage durably holds of this timeline: its stored index's disk-consistent LSN. */
    public long uploadedLsn() { return uploadedLsn; }

    /** One round: everything that is due. Failures (object store down) are retried next round. */
    public synchronized void runOnce() {
        try {
            flushFrozen();
            compactIfDue();
            imageIfDue();
            collectGarbage();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, timeline + ": layer maintenance failed, will retry", e);
        }
    }

    /** Uploads every frozen in-memory layer as a delta layer file, oldest first. */
    public void flushFrozen() {
        for (OpenLayer frozen : timeline.layers.frozen()) {
            Layer layer = frozen.toDeltaLayer(suffix());
            persist(layer);
            synchronized (timeline) {
                timeline.layers = timeline.layers.flushed(frozen, layer);
                timeline.diskConsistentLsn = layer.name().endLsn();
            }
            uploadIndex();
        }
    }

    /** Merges the delta layers above the newest image into one once there are enough of them. */
    void compactIfDue() {
        LayerMap m = timeline.layers;
        List<Layer> deltas = deltasAboveNewestImage(m);
        if (deltas.size() < timeline.settings.compactionThreshold()) return;
        Layer merged = merge(deltas);
        persist(merged);
        synchronized (timeline) {
            timeline.layers = timeline.layers.replaced(deltas, merged, timeline.layers.gcHorizon());
        }
        uploadIndex();
        forget(deltas);
    }

    /** Writes an image layer (every live key) at the last uploaded LSN when enough LSNs passed since the last one. */
    void imageIfDue() {
        LayerMap m = timeline.layers;
        long at = timeline.diskConsistentLsn;
        Layer newest = m.newestImageAtOrBelow(Long.MAX_VALUE);
        long since = at - (newest == null ? 0 : newest.name().endLsn());
        if (since < timeline.settings.imageIntervalLsns() || at == 0) return;
        Layer image = image(at);
        persist(image);
        synchronized (timeline) {
            timeline.layers = timeline.layers.replaced(List.of(), image, timeline.layers.gcHorizon());
        }
        uploadIndex();
    }

    /**
     * Moves the GC horizon up to (last uploaded LSN - retention), but never above a child branch's
     * branch point, and drops the layers only reads below the newest image under the horizon could use.
     */
    void collectGarbage() {
        List<Layer> dropped = new ArrayList<>();
        boolean changed;
        synchronized (timeline) { // children register under this lock: none can appear below the new horizon
            LayerMap m = timeline.layers;
            long horizon = Math.max(0, timeline.diskConsistentLsn - timeline.settings.gcRetentionLsns());
            for (Timeline child : timeline.children) horizon = Math.min(horizon, child.branchLsn);
            horizon = Math.max(horizon, m.gcHorizon());
            Layer image = m.newestImageAtOrBelow(horizon);
            if (image != null) {
                long cut = image.name().endLsn();
                for (Layer l : m.persisted()) {
                    if (l != image && l.name().endLsn() <= cut) dropped.add(l);
                }
            }
            changed = horizon != m.gcHorizon() || !dropped.isEmpty();
            if (changed) timeline.layers = m.replaced(dropped, null, horizon);
        }
        if (!changed) return;
        uploadIndex();
        forget(dropped);
    }

    private List<Layer> deltasAboveNewestImage(LayerMap m) {
        Layer image = m.newestImageAtOrBelow(Long.MAX_VALUE);
        long floor = image == null ? Long.MIN_VALUE : image.name().endLsn();
        List<Layer> out = new ArrayList<>();
        for (Layer l : m.persisted()) if (!l.name().isImage() && l.name().startLsn() >= floor) out.add(l);
        return out;
    }

    /** One delta layer with every entry of consecutive deltas (their LSN ranges are disjoint). */
    static Layer merge(List<Layer> deltas) {
        int total = 0, clockTotal = 0;
        for (Layer l : deltas) {
            total += l.size();
            clockTotal += l.clockLsns().length;
        }
        int[][] refs = new int[total][];
        int n = 0;
        for (int li = 0; li < deltas.size(); li++) for (int i = 0; i < deltas.get(li).size(); i++) refs[n++] = new int[] {li, i};
        Arrays.sort(refs, Comparator.<int[], byte[]>comparing(r -> deltas.get(r[0]).key(r[1]), Keys.ORDER)
                .thenComparingLong(r -> deltas.get(r[0]).lsn(r[1])));
        byte[][] keys = new byte[total][], values = new byte[total][];
        long[] lsns = new long[total];
        for (int i = 0; i < total; i++) {
            Layer l = deltas.get(refs[i][0]);
            keys[i] = l.key(refs[i][1]);
            lsns[i] = l.lsn(refs[i][1]);
            values[i] = l.value(refs[i][1]);
        }
        long[] clockLsns = new long[clockTotal], clockTimes = new long[clockTotal];
        int c = 0;
        for (Layer l : deltas) {
            System.arraycopy(l.clockLsns(), 0, clockLsns, c, l.clockLsns().length);
            System.arraycopy(l.clockTimes(), 0, clockTimes, c, l.clockTimes().length);
            c += l.clockLsns().length;
        }
        LayerName name = LayerName.delta(deltas.getFirst().name().startLsn(), deltas.getLast().name().endLsn(), suffix());
        return new Layer(name, keys, lsns, values, clockLsns, clockTimes);
    }

    /** Every live key of the timeline (parent's included) at {@code lsn}. */
    private Layer image(long lsn) {
        List<KeyValue> all = new ArrayList<>();
        timeline.scan(null, null, lsn, false).forEachRemaining(all::add);
        byte[][] keys = new byte[all.size()][], values = new byte[all.size()][];
        long[] lsns = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            keys[i] = all.get(i).key();
            values[i] = all.get(i).value();
            lsns[i] = lsn;
        }
        return new Layer(LayerName.image(lsn, suffix()), keys, lsns, values, new long[0], new long[0]);
    }

    private void persist(Layer layer) {
        byte[] bytes = LayerFormat.encode(layer);
        cache.write(timeline.name, layer.name(), bytes);
        store.put(TimelineIndex.layerObjectName(timeline.name, layer.name()), bytes);
    }

    private void forget(List<Layer> layers) {
        for (Layer l : layers) {
            store.delete(TimelineIndex.layerObjectName(timeline.name, l.name()));
            cache.delete(timeline.name, l.name());
        }
    }

    /** Uploads the index as of now (only this thread, and branch creation before it starts, write it). */
    public void uploadIndex() {
        TimelineIndex index = index(timeline);
        store.put(TimelineIndex.objectName(timeline.name), index.encode());
        uploadedLsn = index.diskConsistentLsn();
    }

    static TimelineIndex index(Timeline t) {
        LayerMap m;
        long disk;
        synchronized (t) {
            m = t.layers;
            disk = t.diskConsistentLsn;
        }
        return new TimelineIndex(t.name, t.parent == null ? null : t.parent.name, t.branchLsn, disk, m.gcHorizon(),
                m.persisted().stream().map(Layer::name).toList());
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
