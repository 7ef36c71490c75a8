package dev.basalt.server;

import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.pageserver.GrpcPageReader;
import dev.basalt.safekeeper.SafekeeperWalLog;
import dev.basalt.storage.neon.NeonClients;
import java.util.List;
import java.util.Optional;

/**
 * Where the server gets the WAL service and page-server clients for {@code --storage neon}: they
 * live in the safekeeper and page-server modules, and this is the one place that joins them to the
 * compute (the in-process {@code neon-memory} mode needs neither).
 */
final class NeonClientsProvider {

    /**
     * How long a starting compute waits for the safekeepers to let it take its timeline over: 30 s,
     * or {@code -Dbasalt.neon.startWaitSeconds=N} (tests that expect the start to fail shorten it).
     */
    static java.time.Duration startWait() {
        return java.time.Duration.ofSeconds(Long.getLong("basalt.neon.startWaitSeconds", 30L));
    }

    private NeonClientsProvider() {}

    /** The clients: the safekeepers' log client and the page server's gRPC client. */
    static Optional<NeonClients> clients() {
        return Optional.of(new NeonClients() {
            @Override
            public WalLog openWal(List<String> safekeepers, String timeline, boolean writer) {
                try {
                    return writer ? SafekeeperWalLog.openWriter(safekeepers, timeline, "compute-" + ProcessHandle.current().pid(),
                            SafekeeperWalLog.DEFAULT_TIMEOUT, startWait())
                            : SafekeeperWalLog.openReader(safekeepers, timeline);
                } catch (WalException e) { // no quorum reachable: a start-up failure the server reports, not a crash
                    throw new StorageException(StorageException.Kind.IO, e.getMessage(), e);
                }
            }

            @Override
            public PageReader openPageReader(String pageserver) { return new GrpcPageReader(pageserver); }
        });
    }

    static NeonClients require() {
        return clients().orElseThrow(() -> new StorageException(StorageException.Kind.OTHER,
                "--storage neon needs the WAL service (safekeeper) and page-server clients, which this build does not"
                        + " include yet; --storage neon-memory runs the same compute over in-process stand-ins"));
    }
}
