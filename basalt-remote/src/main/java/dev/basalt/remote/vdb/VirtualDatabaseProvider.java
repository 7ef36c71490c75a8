package dev.basalt.remote.vdb;

import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's provider of virtual databases. One {@link RemoteDatabase} (and so one pool) per
 * stored spec, opened on first use and kept until {@link #close()}: DROP DATABASE removes only the
 * mapping, and an idle pool holds no connections (minimumIdle 0).
 */
public final class VirtualDatabaseProvider implements ExternalProvider, AutoCloseable {
    private final Map<String, RemoteDatabase> open = new ConcurrentHashMap<>();

    @Override public Claim claim(String createName) {
        VdbSpec spec = VdbSpec.parseName(createName);
        return spec == null ? null : new Claim(spec.alias(), spec.encode());
    }

    @Override public ExternalDatabase open(String spec) {
        return open.computeIfAbsent(spec, s -> new RemoteDatabase(VdbSpec.decode(s)));
    }

    @Override public String maskStatement(String statementText) { return VdbSpec.mask(statementText); }

    @Override public void close() {
        for (RemoteDatabase db : open.values()) db.close();
        open.clear();
    }
}
