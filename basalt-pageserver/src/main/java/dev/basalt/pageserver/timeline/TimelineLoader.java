package dev.basalt.pageserver.timeline;

import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.layer.CorruptLayerException;
import dev.basalt.pageserver.layer.Layer;
import dev.basalt.pageserver.layer.LayerFormat;
import dev.basalt.pageserver.layer.LayerName;
import dev.basalt.pageserver.store.ObjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the timelines from object storage at startup: every index object, parents before their
 * branches, each layer from the local cache when it is there and intact, else downloaded (and cached).
 * The WAL from each timeline's last uploaded LSN is replayed afterwards by ingest.
 */
public final class TimelineLoader {

    private final ObjectStore store;
    private final LayerCache cache;
    private final PageServerSettings settings;

    public TimelineLoader(ObjectStore store, LayerCache cache, PageServerSettings settings) {
        this.store = store;
        this.cache = cache;
        this.settings = settings;
    }

    /** All stored timelines by name, parents first. */
    public Map<String, Timeline> loadAll() {
        Map<String, TimelineIndex> indexes = new HashMap<>();
        for (String object : store.list("timelines/")) {
            if (!object.endsWith("/index")) continue;
            TimelineIndex index = TimelineIndex.decode(store.get(object));
            indexes.put(index.timeline(), index);
        }
        Map<String, Timeline> loaded = new LinkedHashMap<>();
        for (String name : indexes.keySet()) load(name, indexes, loaded);
        return loaded;
    }

    private Timeline load(String name, Map<String, TimelineIndex> indexes, Map<String, Timeline> loaded) {
        Timeline done = loaded.get(name);
        if (done != null) return done;
        TimelineIndex index = indexes.get(name);
        if (index == null) throw new CorruptLayerException("a timeline's parent '" + name + "' has no index");
        Timeline parent = index.parent() == null ? null : load(index.parent(), indexes, loaded);
        List<Layer> layers = new ArrayList<>();
        for (LayerName layer : index.layers()) layers.add(layer(name, layer));
        Timeline t = new Timeline(name, parent, index.branchLsn(), settings, index.diskConsistentLsn(), index.gcHorizon(), layers);
        if (parent != null) parent.children.add(t);
        loaded.put(name, t);
        return t;
    }

    private Layer layer(String timeline, LayerName name) {
        byte[] local = cache.read(timeline, name);
        if (local != null) {
            try {
                return LayerFormat.decode(name, local);
            } catch (CorruptLayerException e) {
                // damaged cache file: fall back to the stored copy
            }
        }
        byte[] stored = store.get(TimelineIndex.layerObjectName(timeline, name));
        if (stored == null) throw new CorruptLayerException("timeline '" + timeline + "' names a missing layer " + name);
        Layer layer = LayerFormat.decode(name, stored);
        cache.write(timeline, name, stored);
        return layer;
    }
}
