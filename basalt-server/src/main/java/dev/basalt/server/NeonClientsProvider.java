package dev.basalt.server;

import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.storage.neon.NeonClients;
import java.util.Optional;

/**
 * Where the server gets the WAL service and page-server clients for {@code --storage neon}. They
 * live in the safekeeper and page-server modules; until both are wired here, neon storage is
 * refused with a clear error (the in-process {@code neon-memory} mode works without them).
 */
final class NeonClientsProvider {

    private NeonClientsProvider() {}

    /** The clients, or empty while this build has no safekeeper/page-server client wired in. */
    static Optional<NeonClients> clients() {
        // Wire-up point, once basalt-safekeeper and basalt-pageserver are dependencies of this module:
        //   return Optional.of(new NeonClients() {
        //       public WalLog openWal(List<String> safekeepers, String timeline, boolean writer) {
        //           return writer ? SafekeeperWalLog.openWriter(safekeepers, timeline, "compute-" + ProcessHandle.current().pid())
        //                         : SafekeeperWalLog.openReader(safekeepers, timeline);
        //       }
        //       public PageReader openPageReader(String pageserver) { return new GrpcPageReader(pageserver); }
        //   });
        // SafekeeperWalLog should also override WalLog.appendAsync (send under its send lock, complete
        // with the LSN): without it the compute has one commit in flight at a time.
        return Optional.empty();
    }

    static NeonClients require() {
        return clients().orElseThrow(() -> new StorageException(StorageException.Kind.OTHER,
                "--storage neon needs the WAL service (safekeeper) and page-server clients, which this build does not"
                        + " include yet; --storage neon-memory runs the same compute over in-process stand-ins"));
    }
}
