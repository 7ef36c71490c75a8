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
        // Wire-up point: return Optional.of(new NeonClients() { openWal -> SafekeeperWalLog, openPageReader -> GrpcPageReader })
        return Optional.empty();
    }

    static NeonClients require() {
        return clients().orElseThrow(() -> new StorageException(StorageException.Kind.OTHER,
                "--storage neon needs the WAL service (safekeeper) and page-server clients, which this build does not"
                        + " include yet; --storage neon-memory runs the same compute over in-process stand-ins"));
    }
}
