package dev.basalt.pageserver.timeline;

import dev.basalt.pageserver.layer.Layer;
import dev.basalt.pageserver.layer.OpenLayer;
import dev.basalt.pageserver.layer.VersionSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One immutable snapshot of a timeline's layers, swapped atomically as a whole: a reader takes the
 * snapshot once and sees a consistent set even while a flush, compaction or GC replaces layers. The
 * GC horizon lives here too, so a reader that sees layers dropped also sees the horizon that allowed it.
 *
 * @param open      the layer ingest writes into (newest LSNs)
 * @param frozen    frozen in-memory layers waiting for upload, oldest first
 * @param persisted layer files, by end LSN ascending (a delta before an image of the same LSN)
 */
public record LayerMap(OpenLayer open, List<OpenLayer> frozen, List<Layer> persisted, long gcHorizon, VersionSource[] newestFirst) {

    static final Comparator<Layer> ORDER = Comparator.<Layer>comparingLong(l -> l.name().endLsn())
            .thenComparing(l -> l.name().isImage());

    public static LayerMap of(OpenLayer open, List<OpenLayer> frozen, List<Layer> persisted, long gcHorizon) {
        List<Layer> sorted = new ArrayList<>(persisted);
        sorted.sort(ORDER);
        List<VersionSource> order = new ArrayList<>();
        order.add(open);
        for (int i = frozen.size() - 1; i >= 0; i--) order.add(frozen.get(i));
        for (int i = sorted.size() - 1; i >= 0; i--) order.add(sorted.get(i));
        return new LayerMap(open, List.copyOf(frozen), List.copyOf(sorted), gcHorizon, order.toArray(VersionSource[]::new));
    }

    LayerMap withOpen(OpenLayer newOpen, OpenLayer justFrozen) {
        List<OpenLayer> f = new ArrayList<>(frozen);
        f.add(justFrozen);
        return of(newOpen, f, persisted, gcHorizon);
    }

    LayerMap flushed(OpenLayer was, Layer now) {
        List<OpenLayer> f = new ArrayList<>(frozen);
        f.remove(was);
        List<Layer> p = new ArrayList<>(persisted);
        p.add(now);
        return of(open, f, p, gcHorizon);
    }

    LayerMap replaced(List<Layer> removed, Layer added, long horizon) {
        List<Layer> p = new ArrayList<>(persisted);
        p.removeAll(removed);
        if (added != null) p.add(added);
        return of(open, frozen, p, horizon);
    }

    /** The newest image layer at or below {@code lsn}, or null. */
    Layer newestImageAtOrBelow(long lsn) {
        Layer best = null;
        for (Layer l : persisted) if (l.name().isImage() && l.name().endLsn() <= lsn) best = l;
        return best;
    }
}
