package dev.basalt.server;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.storage.neon.LsnAtTime;
import dev.basalt.storage.neon.NeonClients;
import dev.basalt.storage.neon.NeonKvStore;
import dev.basalt.storage.neon.NeonOptions;

/** Opens the compute's store for {@code --storage neon} and {@code neon-memory}. */
final class NeonStorage {

    private NeonStorage() {}

    static KvStore open(ServerSettings s, NeonSettings n) {
        NeonOptions options = NeonOptions.defaults().withTimeline(n.branch()).withCacheBytes(n.cacheBytes());
        if (s.storage().equals("neon-memory")) {
            if (n.readOnly()) throw new SettingsException("at: not available with --storage neon-memory (its log starts empty)");
            InMemoryWalLog log = new InMemoryWalLog();
            return NeonKvStore.open(log, new InMemoryPageReader(log), options);
        }
        if (n.safekeepers().isEmpty()) throw new SettingsException("storage neon: the WAL service nodes are needed (--safekeepers h:p,...)");
        if (n.pageserver().isEmpty()) throw new SettingsException("storage neon: the page server is needed (--pageserver h:p)");
        NeonClients clients = NeonClientsProvider.require();
        WalLog wal = clients.openWal(n.safekeepers(), n.branch(), !n.readOnly());
        PageReader pages;
        try {
            pages = clients.openPageReader(n.pageserver());
        } catch (RuntimeException e) {
            wal.close();
            throw e;
        }
        try {
            long lsn = n.atLsn();
            if (n.atMicros() > 0) {
                lsn = LsnAtTime.find(wal, n.atMicros());
                if (lsn == 0) {
                    throw new StorageException(StorageException.Kind.OTHER,
                            "branch '" + n.branch() + "' has no commit at or before the moment given by --at");
                }
            }
            return NeonKvStore.open(wal, pages, lsn > 0 ? options.readOnlyAt(lsn) : options);
        } catch (RuntimeException e) {
            pages.close();
            wal.close();
            if (e instanceof WalException || e instanceof IllegalStateException) {
                throw new StorageException(StorageException.Kind.IO, e.getMessage(), e);
            }
            throw e;
        }
    }
}
